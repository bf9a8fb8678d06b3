/**
 * `wget`: busybox's (containers; `busybox wget` on the host) with its "Connecting to" line, progress
 * bar as it looks on a pipe, and terse errors; GNU wget's (the host, Debian images that ship it).
 * The request is a real TCP exchange with whatever listens where the packets arrive.
 */
import { type HttpResponse, header } from "../../../engine/packet/http";
import { basename } from "../../../engine/path";
import { advanceClock } from "../../../engine/world";
import { ToolExit } from "../../command";
import { fileExists, writeFile } from "../../files";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxUsage } from "../busybox";
import { Getopt, type LongOption } from "../getopt";
import { strerror } from "../strerror";
import { isIpv4 } from "./common";
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

interface Options {
  quiet: boolean;
  output?: string;
  showHeaders: boolean;
  spider: boolean;
  timeoutMs?: number;
  userAgent?: string;
  headers: [string, string][];
  urls: string[];
}

const LONG: LongOption[] = [
  { name: "spider", key: "spider" },
  { name: "quiet", key: "q" },
  { name: "header", key: "header", value: "required" },
  { name: "output-document", key: "O", value: "required" },
  { name: "timeout", key: "T", value: "required" },
  { name: "user-agent", key: "U", value: "required" },
];

/** wget's options, long (--spider, --header) and short, as both builds take them. */
function parseOptions(args: string[], bad: (option: string) => ToolExit): Options {
  const o: Options = { quiet: false, showHeaders: false, spider: false, headers: [], urls: [] };
  // Both name what they cannot use as it was typed: "-z", "--nosuch".
  const parsed = new Getopt(
    args,
    "qScO:T:U:o:P:",
    (p) => bad(p.kind === "unrecognized" || p.kind === "long-missing" ? `--${p.option}` : `-${p.option}`),
    LONG,
  );
  for (const { key, value = "" } of parsed) {
    if (key === "spider") o.spider = true;
    else if (key === "q") o.quiet = true;
    else if (key === "S") o.showHeaders = true;
    else if (key === "header") {
      const colon = value.indexOf(":");
      o.headers.push([value.slice(0, colon), value.slice(colon + 1).trim()]);
    } else if (key === "O") o.output = value;
    else if (key === "T") o.timeoutMs = Number(value) * 1000;
    else if (key === "U") o.userAgent = value;
  }
  o.urls = parsed.operands;
  return o;
}

/** busybox's smart_ulltoa5: five columns, scaled with a unit past 99999. */
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  let v = n;
  let unit = 0;
  while (v >= 100000 / 10 && unit < 4) {
    v = Math.floor(v / 1024);
    unit += 1;
  }
  return `${String(v).padStart(4)}${" kMGT"[unit]}`;
}

function busyboxProgress(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${"*".repeat(32)}| ${size5(size)}  0:00:00 ETA`;
}

function busyboxWget(ctx: Ctx, o: Options): number {
  const target = o.urls[0];
  if (!target) throw busyboxUsage("wget");
  const url = parseUrl(target);
  if (!url || (url.scheme !== "http" && url.scheme !== "https")) {
    ctx.out.error(`wget: not an http or ftp url: ${target}`);
    return 1;
  }
  const run = fetchUrl(ctx, url, o.spider ? "HEAD" : "GET", [
    ["User-Agent", o.userAgent ?? "Wget"],
    ["Connection", "close"],
    ...o.headers,
  ]);
  const f = run.fetched;
  if (f.kind === "resolve") {
    ctx.out.error(`wget: bad address '${url.host}'`);
    return 1;
  }
  if (!o.quiet) ctx.out.error(`Connecting to ${url.host} (${f.ip}:${url.port})`);
  if (f.kind === "tcp") {
    const errno = connectErrno(f.result);
    if (errno === "ETIMEDOUT") advanceClock(ctx.world, run.start + (o.timeoutMs ?? SYN_TIMEOUT_MS));
    if (errno === "ETIMEDOUT" && o.timeoutMs !== undefined) ctx.out.error("wget: download timed out");
    else if (errno === "ECONNRESET") ctx.out.error("wget: error getting response: Connection reset by peer");
    else ctx.out.error(`wget: can't connect to remote host (${f.ip}): ${strerror(errno)}`);
    return 1;
  }
  if (f.kind === "empty") {
    ctx.out.error("wget: error getting response: Connection reset by peer");
    return 1;
  }
  const r = f.response;
  if (o.showHeaders) {
    ctx.out.error(`  HTTP/1.1 ${r.status} ${r.reason}`.trimEnd());
    for (const [k, v] of r.headers) ctx.out.error(`  ${k}: ${v}`);
  }
  if (r.status >= 400 || (r.status < 200 && r.status !== 100)) {
    ctx.out.error(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}`.trimEnd());
    return 1;
  }
  if (r.status >= 300 && r.status < 400) return redirect(ctx, o, url, r);
  if (o.spider) {
    if (!o.quiet) ctx.out.error("remote file exists");
    return 0;
  }
  const toStdout = o.output === "-";
  const file = o.output ?? outputName(url);
  if (!toStdout && o.output === undefined && fileExists(ctx.world, ctx.frame, file)) {
    ctx.out.error(`wget: can't open '${file}': File exists`);
    return 1;
  }
  if (!o.quiet) ctx.out.error(toStdout ? "writing to stdout" : `saving to '${file}'`);
  const size = Number(header(r.headers, "Content-Length") ?? r.body.length);
  if (!o.quiet) {
    const name = toStdout ? "-" : basename(file);
    ctx.out.error(busyboxProgress(name, size));
    ctx.out.error(toStdout ? "written to stdout" : `'${file}' saved`);
  }
  // stdout reaches a pipe only when wget exits (stderr is unbuffered): the body comes last.
  if (toStdout) ctx.out.write(r.body);
  else writeFile(ctx.world, ctx.frame, file, r.body);
  return 0;
}

function redirect(ctx: Ctx, o: Options, url: Url, r: HttpResponse): number {
  const location = header(r.headers, "Location");
  if (!location) return 0;
  return busyboxWget(ctx, { ...o, urls: [locationUrl(url, location)] });
}

/** GNU wget's transfer rate: B/s, KB/s or MB/s with one decimal. */
function wgetRate(bytes: number, seconds: number): string {
  const perSecond = bytes / seconds;
  if (perSecond < 1024) return `${perSecond.toFixed(0)} B/s`;
  if (perSecond < 1024 * 1024) return `${(perSecond / 1024).toFixed(1)} KB/s`;
  return `${(perSecond / 1024 / 1024).toFixed(1)} MB/s`;
}

const MONTH_TIME = (ms: number) => new Date(Math.floor(ms)).toISOString().replace("T", " ").slice(0, 19);

/** GNU wget's complaint about its command line, with the usage line and where to read more. */
function gnuUsageError(message: string, status: number): ToolExit {
  return new ToolExit(
    status,
    `${message}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
  );
}

/** GNU wget's log, as it prints it to stderr. */
function gnuWget(ctx: Ctx, o: Options): number {
  const target = o.urls[0];
  if (!target) throw gnuUsageError("wget: missing URL", 1);
  const url = parseUrl(target);
  if (!url) {
    ctx.out.error(`${target}: Invalid URL ${target}: Unsupported scheme`);
    return 1;
  }
  const log = (line: string) => {
    if (!o.quiet) ctx.out.error(line);
  };
  const shown = `${url.scheme}://${url.authority}${url.path}`;
  log(`--${MONTH_TIME(ctx.world.clock)}--  ${shown}`);
  const isIp = isIpv4(url.host);
  const run: FetchRun = fetchUrl(ctx, url, "GET", [
    ["User-Agent", o.userAgent ?? "Wget/1.21.3"],
    ["Accept", "*/*"],
    ["Accept-Encoding", "identity"],
    ["Connection", "Keep-Alive"],
    ...o.headers,
  ]);
  const f = run.fetched;
  if (f.kind === "resolve") {
    const why =
      f.res.kind === "tempfail" ? "Temporary failure in name resolution" : "Name or service not known";
    log(`Resolving ${url.host} (${url.host})... failed: ${why}.`);
    ctx.out.error(`wget: unable to resolve host address ‘${url.host}’`);
    return 4;
  }
  if (!isIp) log(`Resolving ${url.host} (${url.host})... ${f.ip}`);
  const where = isIp ? `${f.ip}:${url.port}` : `${url.host} (${url.host})|${f.ip}|:${url.port}`;
  if (f.kind === "tcp") {
    const errno = connectErrno(f.result);
    if (errno === "ETIMEDOUT") advanceClock(ctx.world, run.start + (o.timeoutMs ?? SYN_TIMEOUT_MS));
    log(`Connecting to ${where}... failed: ${strerror(errno)}.`);
    return 4;
  }
  log(`Connecting to ${where}... connected.`);
  if (f.kind === "empty") {
    log("HTTP request sent, awaiting response... No data received.");
    return 4;
  }
  const r = f.response;
  log(`HTTP request sent, awaiting response... ${r.status} ${r.reason}`.trimEnd());
  if (r.status >= 400) {
    log(`${MONTH_TIME(ctx.world.clock)} ERROR ${r.status}: ${r.reason}.`);
    log("");
    return 8;
  }
  const size = Number(header(r.headers, "Content-Length") ?? r.body.length);
  const type = header(r.headers, "Content-Type")?.split(";")[0];
  log(`Length: ${size}${size >= 1024 ? ` (${(size / 1024).toFixed(1)}K)` : ""}${type ? ` [${type}]` : ""}`);
  const toStdout = o.output === "-";
  const file = o.output ?? outputName(url);
  log(toStdout ? "Saving to: ‘STDOUT’" : `Saving to: ‘${file}’`);
  log("");
  const label = toStdout ? "-" : file;
  log(`${label.padEnd(19)} 100%[===================>]  ${String(size).padStart(6)}  --.-KB/s    in 0s      `);
  log("");
  const rate = wgetRate(size, Math.max(0.001, (run.end - run.start) / 1000));
  log(
    `${MONTH_TIME(ctx.world.clock)} (${rate}) - ${toStdout ? "written to stdout" : `‘${file}’ saved`} [${size}/${size}]`,
  );
  log("");
  if (toStdout) ctx.out.write(r.body);
  else writeFile(ctx.world, ctx.frame, file, r.body);
  return 0;
}

const wget: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const o = parseOptions(ctx.argv.slice(1), (option) => {
    const message = `wget: unrecognized option '${option}'`;
    return busybox
      ? new ToolExit(1, `${message}\n${busyboxUsage("wget").stderr}`)
      : gnuUsageError(message, 2);
  });
  return busybox ? busyboxWget(ctx, o) : gnuWget(ctx, o);
};

export const commands: Command[] = [{ name: "wget", where: "installed", run: wget }];
