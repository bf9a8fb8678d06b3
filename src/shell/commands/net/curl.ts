/**
 * `curl` (7.88, as Debian's nginx and Tomcat images and the host have it): the body, -I/-i headers,
 * -v's conversation, -o/-O files with the progress meter a non-terminal gets, -w write-out, -L
 * redirects, -f, and the numbered errors. One real TCP exchange per request.
 */
import { type HttpResponse, header } from "../../../engine/packet/http";
import { advanceClock } from "../../../engine/world";
import { ToolExit } from "../../command";
import { writeFile } from "../../files";
import type { Command, Ctx, Handler } from "../../types";
import { Getopt, type LongOption } from "../getopt";
import { strerror } from "../strerror";
import {
  connectErrno,
  type FetchRun,
  fetchUrl,
  locationUrl,
  outputName,
  parseUrl,
  SYN_TIMEOUT_MS,
  type Url,
} from "./http-client";

const VERSION = "curl/7.88.1";

interface Options {
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  output?: string;
  remoteName: boolean;
  writeOut?: string;
  follow: boolean;
  fail: boolean;
  method?: string;
  headers: [string, string][];
  userAgent: string;
  maxTimeMs?: number;
  urls: string[];
}

const LONG: LongOption[] = [
  { name: "silent", key: "s" },
  { name: "show-error", key: "S" },
  { name: "head", key: "I" },
  { name: "include", key: "i" },
  { name: "verbose", key: "v" },
  { name: "output", key: "o", value: "required" },
  { name: "remote-name", key: "O" },
  { name: "write-out", key: "w", value: "required" },
  { name: "location", key: "L" },
  { name: "fail", key: "f" },
  { name: "request", key: "X", value: "required" },
  { name: "header", key: "H", value: "required" },
  { name: "max-time", key: "m", value: "required" },
  { name: "user-agent", key: "A", value: "required" },
  { name: "insecure", key: "k" },
  { name: "ipv4", key: "4" },
  { name: "connect-timeout", key: "connect-timeout", value: "required" },
];

/** curl's options (short ones clustered, `-o FILE` or `-oFILE`, long ones with a value after them or `=`). */
function parseOptions(args: string[]): Options {
  const o: Options = {
    silent: false,
    showError: false,
    head: false,
    include: false,
    verbose: false,
    remoteName: false,
    follow: false,
    fail: false,
    headers: [],
    userAgent: VERSION,
    urls: [],
  };
  const apply = (flag: string, value?: string) => {
    switch (flag) {
      case "s":
        o.silent = true;
        break;
      case "S":
        o.showError = true;
        break;
      case "I":
        o.head = true;
        break;
      case "i":
        o.include = true;
        break;
      case "v":
        o.verbose = true;
        break;
      case "O":
        o.remoteName = true;
        break;
      case "L":
        o.follow = true;
        break;
      case "f":
        o.fail = true;
        break;
      case "o":
        o.output = value;
        break;
      case "w":
        o.writeOut = value;
        break;
      case "X":
        o.method = value;
        break;
      case "A":
        o.userAgent = value ?? VERSION;
        break;
      case "H": {
        const h = value ?? "";
        const colon = h.indexOf(":");
        if (colon > 0) o.headers.push([h.slice(0, colon), h.slice(colon + 1).trim()]);
        break;
      }
      case "m":
      case "connect-timeout":
        o.maxTimeMs = Number(value) * 1000;
        break;
    }
  };
  const parsed = new Getopt(
    args,
    "sSIivOLfko:X:w:H:m:A:d:4",
    (p) => {
      const option =
        p.kind === "unrecognized" || p.kind === "long-missing" ? `--${p.option}` : `-${p.option}`;
      return usageError(
        `option ${option.split("=")[0]}: ${p.kind.endsWith("missing") ? "requires parameter" : "is unknown"}`,
      );
    },
    LONG,
  );
  for (const { key, value } of parsed) apply(key, value);
  o.urls = parsed.operands;
  return o;
}

function fail(ctx: Ctx, o: Options, code: number, message: string): number {
  if (!o.silent || o.showError) ctx.out.error(`curl: (${code}) ${message}`);
  return code;
}

/** curl's max5data: five columns, k/M past 99999. */
function max5(n: number): string {
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  return `${String(Math.floor(n / 1024 / 1024)).padStart(4)}M`;
}

function progressMeter(size: number, ms: number): string {
  const speed = max5((size * 1000) / Math.max(1, ms));
  const head =
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
    "                                 Dload  Upload   Total   Spent    Left  Speed\n";
  const line = `100 ${max5(size)}  100 ${max5(size)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}`;
  return `${head}${line}\n`;
}

/** -w: %{http_code} and friends, with \n and \t. */
function writeOutText(
  format: string,
  r: HttpResponse | undefined,
  ip: string,
  ms: number,
  size: number,
): string {
  const vars: Record<string, string> = {
    http_code: String(r?.status ?? 0).padStart(3, "0"),
    response_code: String(r?.status ?? 0).padStart(3, "0"),
    remote_ip: ip,
    time_total: (ms / 1000).toFixed(6),
    size_download: String(size),
    content_type: (r && header(r.headers, "Content-Type")) ?? "",
  };
  return format
    .replace(/%\{(\w+)\}/g, (_, k: string) => vars[k] ?? "")
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t");
}

function request(ctx: Ctx, o: Options, url: Url, redirects: number): number {
  const method = o.method ?? (o.head ? "HEAD" : "GET");
  const headers: [string, string][] = [["User-Agent", o.userAgent], ["Accept", "*/*"], ...o.headers];
  const run: FetchRun = fetchUrl(ctx, url, method, headers);
  const f = run.fetched;
  if (o.verbose && f.kind !== "resolve") ctx.out.error(`*   Trying ${f.ip}:${url.port}...`);
  const elapsed = () => Math.round(ctx.world.clock - run.start);
  if (f.kind === "resolve") {
    if (o.verbose) ctx.out.error(`* Could not resolve host: ${url.host}`);
    return fail(ctx, o, 6, `Could not resolve host: ${url.host}`);
  }
  if (f.kind === "tcp") {
    const errno = connectErrno(f.result);
    if (errno === "ECONNRESET") return fail(ctx, o, 56, "Recv failure: Connection reset by peer");
    if (errno === "ETIMEDOUT" && o.maxTimeMs !== undefined) {
      advanceClock(ctx.world, run.start + o.maxTimeMs);
      return fail(ctx, o, 28, `Connection timed out after ${elapsed()} milliseconds`);
    }
    if (errno === "ETIMEDOUT") advanceClock(ctx.world, run.start + SYN_TIMEOUT_MS);
    if (o.verbose) ctx.out.error(`* connect to ${f.ip} port ${url.port} failed: ${strerror(errno)}`);
    return fail(
      ctx,
      o,
      7,
      `Failed to connect to ${url.host} port ${url.port} after ${elapsed()} ms: Couldn't connect to server`,
    );
  }
  if (o.verbose) {
    ctx.out.error(`* Connected to ${url.host} (${f.ip}) port ${url.port} (#0)`);
    // Header lines are shown as sent and received, CRLF and all.
    ctx.out.error(`> ${method} ${url.path} HTTP/1.1\r`);
    for (const [k, v] of [["Host", url.authority], ...headers]) ctx.out.error(`> ${k}: ${v}\r`);
    ctx.out.error("> \r");
  }
  if (f.kind === "empty") return fail(ctx, o, 52, "Empty reply from server");
  const r = f.response;
  const statusLine = `HTTP/1.1 ${r.status} ${r.reason}`;
  const headerBlock = `${[statusLine, ...r.headers.map(([k, v]) => `${k}: ${v}`)].join("\r\n")}\r\n\r\n`;
  if (o.verbose) {
    ctx.out.error(`< ${statusLine}\r`);
    for (const [k, v] of r.headers) ctx.out.error(`< ${k}: ${v}\r`);
    ctx.out.error("< \r");
  }
  if (o.fail && r.status >= 400) return fail(ctx, o, 22, `The requested URL returned error: ${r.status}`);
  const location = header(r.headers, "Location");
  if (o.follow && location && r.status >= 300 && r.status < 400 && redirects < 50) {
    const next = parseUrl(locationUrl(url, location));
    if (next) return request(ctx, o, next, redirects + 1);
  }
  const body = o.head ? "" : r.body;
  const shown = (o.head || o.include ? headerBlock : "") + body;
  const file = o.output ?? (o.remoteName ? outputName(url) : undefined);
  const toTerminal = file === undefined && ctx.out.captured === undefined;
  if (!o.silent && !o.verbose && !toTerminal)
    ctx.out.writeErr(progressMeter(body.length, run.end - run.start));
  // -v says how much data came when the data itself is not on the terminal.
  if (o.verbose && !toTerminal && body.length > 0) ctx.out.error(`{ [${body.length} bytes data]`);
  if (file === undefined) ctx.out.write(shown);
  else writeFile(ctx.world, ctx.frame, file, shown);
  if (o.verbose) {
    const close = (header(r.headers, "Connection") ?? "").toLowerCase() === "close";
    ctx.out.error(close ? "* Closing connection 0" : `* Connection #0 to host ${url.host} left intact`);
  }
  if (o.writeOut !== undefined)
    ctx.out.write(writeOutText(o.writeOut, r, f.ip, run.end - run.start, body.length));
  return 0;
}

/** A command line curl cannot use: the complaint, where to read more, exit 2. */
function usageError(message: string): ToolExit {
  return new ToolExit(
    2,
    `curl: ${message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
  );
}

const curl: Handler = (ctx) => {
  const o = parseOptions(ctx.argv.slice(1));
  const target = o.urls[0];
  if (target === undefined) throw usageError("no URL specified!");
  const url = parseUrl(target);
  if (!url) return fail(ctx, o, 3, "URL using bad/illegal format or missing URL");
  if (url.scheme !== "http" && url.scheme !== "https")
    return fail(ctx, o, 1, `Protocol "${url.scheme}" not supported or disabled in libcurl`);
  return request(ctx, o, url, 0);
};

export const commands: Command[] = [{ name: "curl", where: ["host"], run: curl }];
