/**
 * What curl and wget share: URLs, resolving the host, and one HTTP request over a TCP connection
 * walked through the datapath (its trace reported), with the ways it can fail.
 */
import { type TcpResult, tcpSession } from "../../../engine/packet/exchange";
import { type HttpResponse, parseResponse, requestText } from "../../../engine/packet/http";
import type { Resolution } from "../../../engine/packet/resolver";
import { basename } from "../../../engine/path";
import { advanceClock } from "../../../engine/world";
import { netnsOf } from "../../place";
import type { Ctx } from "../../types";
import { senderName, traced } from "./common";
import { resolveAddress } from "./resolver";

export interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Path and query, "/" at least. */
  path: string;
  /** host[:port] as typed (an IPv6 address in brackets), as the Host header carries it. */
  authority: string;
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ftp: 21 };

/**
 * "http://h:8080/x", "h:8080", "h/x", "http://[2001:db8::1]:8080/x". undefined for what no tool would
 * take. A host with more than one colon and no brackets is an IPv6 address on the default port
 * (busybox's str2sockaddr); a "[" never closed stays part of the host, which then does not resolve.
 */
export function parseUrl(text: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]+)([/?#].*)?$/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? "http").toLowerCase();
  const authority = m[2] ?? "";
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
  const plain = /^([^:]+)(?::(\d*))?$/.exec(authority);
  const [host, typedPort] = bracketed
    ? [bracketed[1] ?? "", bracketed[2]]
    : plain
      ? [plain[1] ?? "", plain[2]]
      : authority.includes("]")
        ? ["", undefined]
        : [authority, undefined];
  const port = typedPort ? Number(typedPort) : (DEFAULT_PORT[scheme] ?? 80);
  if (!host || port > 65535) return undefined;
  const path = m[3]?.startsWith("/") ? m[3].replace(/#.*/, "") : `/${(m[3] ?? "").replace(/#.*/, "")}`;
  return { scheme, host, port, path, authority };
}

/** Where a redirect's Location points: an absolute URL as given, a path on the same server. */
export function locationUrl(url: Url, location: string): string {
  return location.startsWith("/") ? `${url.scheme}://${url.authority}${location}` : location;
}

export type Fetched =
  | { kind: "resolve"; res: Exclude<Resolution, { kind: "found" }> }
  | { kind: "tcp"; ip: string; result: Exclude<TcpResult, { kind: "connected" }> }
  | { kind: "empty"; ip: string }
  | { kind: "response"; ip: string; response: HttpResponse; raw: string };

export interface FetchRun {
  fetched: Fetched;
  /** When the request was sent and when it all ended (virtual ms). */
  start: number;
  end: number;
}

/** Resolves, connects, sends one request and reads the response; the clock moves to the end. */
export function fetchUrl(ctx: Ctx, url: Url, method: string, headers: [string, string][]): FetchRun {
  const start = ctx.world.clock;
  const found = resolveAddress(ctx, url.host, undefined, start);
  if (found.res.kind !== "found" || found.ip === undefined) {
    advanceClock(ctx.world, found.end);
    const res = found.res.kind === "found" ? { kind: "nodata" as const } : found.res;
    return { fetched: { kind: "resolve", res }, start, end: found.end };
  }
  return fetchIp(ctx, url, found.ip, found.end, method, headers);
}

function fetchIp(
  ctx: Ctx,
  url: Url,
  ip: string,
  t: number,
  method: string,
  headers: [string, string][],
): FetchRun {
  const request = requestText({ method, path: url.path, headers: [["Host", url.authority], ...headers] });
  const { result, end } = traced(
    ctx,
    t,
    "TCP",
    `${senderName(ctx)} → ${ip}:${url.port} ${method} ${url.path}`,
    (sim) => tcpSession(sim, netnsOf(ctx), ip, url.port, request),
    (r) => r.kind === "connected",
  );
  advanceClock(ctx.world, end);
  if (result.kind !== "connected") return { fetched: { kind: "tcp", ip, result }, start: t, end };
  const response = result.response === undefined ? undefined : parseResponse(result.response);
  if (!response || result.response === undefined) return { fetched: { kind: "empty", ip }, start: t, end };
  return { fetched: { kind: "response", ip, response, raw: result.response }, start: t, end };
}

/** The connect(2) error a failed TCP attempt gives. */
export function connectErrno(r: Exclude<TcpResult, { kind: "connected" }>): string {
  if (r.kind === "refused") return "ECONNREFUSED";
  if (r.kind === "reset") return "ECONNRESET";
  if (r.kind === "timeout") return "ETIMEDOUT";
  if (r.kind === "local") return r.errno;
  if (r.type === "dest-unreachable" && r.code === 3) return "ECONNREFUSED";
  if (r.type === "dest-unreachable" && r.code === 0) return "ENETUNREACH";
  return "EHOSTUNREACH";
}

/** Without an answer the kernel gives up on a SYN after its retries: about two minutes. */
export const SYN_TIMEOUT_MS = 127_000;

/** Last path component, or index.html: the file wget saves to. */
export function outputName(url: Url): string {
  const path = url.path.split("?")[0] ?? "/";
  return basename(path) || "index.html";
}
