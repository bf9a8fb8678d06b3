/**
 * `wget`: busybox's (containers; `busybox wget` on the host) with its "Connecting to" line, progress
 * bar as it looks on a pipe, and terse errors; GNU wget's (the host, Debian images that ship it).
 * The request is a real TCP exchange with whatever listens where the packets arrive.
 */
import { type HttpResponse, header } from "../../../engine/packet/http";
import { basename } from "../../../engine/path";
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import { fileExists, writeFile } from "../../files";
import type { Command, Ctx, Handler, ProcessKind } from "../../types";
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
import { literal6 } from "./resolver";
import { WGET_HELP, WGET_VERSION } from "./wget-help";

interface Options {
  quiet: boolean;
  output?: string;
  showHeaders: boolean;
  spider: boolean;
  timeoutMs?: number;
  /** GNU: how many tries (0: until interrupted) and the longest wait between them, seconds. */
  tries: number;
  waitRetry: number;
  userAgent?: string;
  headers: [string, string][];
  urls: string[];
  /** GNU: --help or --version instead of a download. */
  info?: "help" | "version";
}

const LONG: LongOption[] = [
  { name: "spider", key: "spider" },
  { name: "quiet", key: "q" },
  { name: "header", key: "header", value: "required" },
  { name: "output-document", key: "O", value: "required" },
  { name: "timeout", key: "T", value: "required" },
  { name: "connect-timeout", key: "connect-timeout", value: "required" },
  { name: "tries", key: "t", value: "required" },
  { name: "waitretry", key: "waitretry", value: "required" },
  { name: "user-agent", key: "U", value: "required" },
  { name: "help", key: "h" },
  { name: "version", key: "V" },
];

/** GNU wget's time periods (--timeout, --waitretry): seconds, refused in its words. */
function timePeriod(name: string, text: string): number {
  const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(n)) throw new ToolExit(2, `wget: --${name}: Invalid time period ‘${text}’\n`);
  if (n < 0) throw new ToolExit(2, `wget: --${name}: Negative time period ‘${text}’\n`);
  return n;
}

/** GNU wget's --tries: a number, 0 or "inf" for no limit; what it cannot read leaves the default. */
function triesOf(text: string): number {
  if (text.toLowerCase() === "inf") return 0;
  return /^\d+$/.test(text) ? Number(text) : DEFAULT_TRIES;
}

const DEFAULT_TRIES = 20;

/** The long options busybox's wget also takes. */
const BUSYBOX_LONG = new Set(["spider", "quiet", "header", "output-document", "timeout", "user-agent"]);

/** wget's options, long (--spider, --header) and short, as both builds take them. */
function parseOptions(args: string[], gnu: boolean, bad: (option: string) => ToolExit): Options {
  const o: Options = {
    quiet: false,
    showHeaders: false,
    spider: false,
    tries: DEFAULT_TRIES,
    waitRetry: 10,
    headers: [],
    urls: [],
  };
  // Both name what they cannot use as it was typed: "-z", "--nosuch".
  const parsed = new Getopt(
    args,
    gnu ? "qScO:T:U:o:P:t:hV" : "qScO:T:U:o:P:",
    (p) => bad(p.kind === "unrecognized" || p.kind === "long-missing" ? `--${p.option}` : `-${p.option}`),
    gnu ? LONG : LONG.filter((l) => BUSYBOX_LONG.has(l.name)),
  );
  for (const { key, value = "" } of parsed) {
    if (key === "spider") o.spider = true;
    else if (key === "q") o.quiet = true;
    else if (key === "S") o.showHeaders = true;
    else if (key === "header") {
      const colon = value.indexOf(":");
      o.headers.push([value.slice(0, colon), value.slice(colon + 1).trim()]);
    } else if (key === "O") o.output = value;
    else if (key === "T") o.timeoutMs = (gnu ? timePeriod("timeout", value) : Number(value)) * 1000;
    else if (key === "connect-timeout") o.timeoutMs = timePeriod("connect-timeout", value) * 1000;
    else if (key === "t") o.tries = triesOf(value);
    else if (key === "waitretry") o.waitRetry = timePeriod("waitretry", value);
    else if (key === "h" || key === "V") o.info = key === "h" ? "help" : "version";
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
    ctx.out.error(`wget: bad address '${url.authority}'`);
    return 1;
  }
  const v6 = f.ip.includes(":");
  if (!o.quiet) ctx.out.error(`Connecting to ${url.authority} (${v6 ? `[${f.ip}]` : f.ip}:${url.port})`);
  if (f.kind === "tcp") {
    const errno = connectErrno(f.result);
    if (errno === "ETIMEDOUT") advanceClock(ctx.world, run.start + (o.timeoutMs ?? SYN_TIMEOUT_MS));
    if (errno === "ETIMEDOUT" && o.timeoutMs !== undefined) ctx.out.error("wget: download timed out");
    else if (errno === "ECONNRESET") ctx.out.error("wget: error getting response: Connection reset by peer");
    // xconnect() names the address only for IPv4.
    else ctx.out.error(`wget: can't connect to remote host${v6 ? "" : ` (${f.ip})`}: ${strerror(errno)}`);
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

/** A GNU wget run: tries of one URL, with waits between them; saved with the lab, so plain data. */
interface GnuState {
  o: Options;
  /** The try about to start (or under way), from 1. */
  n: number;
  /** When it starts. */
  next: number;
  /** A try that failed in a way wget retries, printed when its wait for an answer ends. */
  failing?: { at: number; text: string };
}

/** What one try came to: an exit status, or a failure wget may retry. */
type TryEnd = { exit: number } | { at: number; text: string };

/** One try of GNU wget, logged as it logs it to stderr. */
function gnuTry(ctx: Ctx, s: GnuState): TryEnd {
  const { o } = s;
  const target = o.urls[0] ?? "";
  const url = parseUrl(target);
  if (!url) {
    ctx.out.error(`${target}: Invalid URL ${target}: Unsupported scheme`);
    return { exit: 1 };
  }
  const log = (line: string) => {
    if (!o.quiet) ctx.out.error(line);
  };
  const shown = `${url.scheme}://${url.authority}${url.path}`;
  const attempt = s.n > 1 ? `(try:${String(s.n).padStart(2)})  ` : "";
  log(`--${MONTH_TIME(ctx.world.clock)}--  ${attempt}${shown}`);
  // An address typed as such is not resolved (connect.c prints an IPv6 one in brackets).
  const isIp = isIpv4(url.host) || literal6(url.host) !== undefined;
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
    return { exit: 4 };
  }
  if (!isIp) log(`Resolving ${url.host} (${url.host})... ${f.ip}`);
  const where = isIp
    ? `${f.ip.includes(":") ? `[${f.ip}]` : f.ip}:${url.port}`
    : `${url.host} (${url.host})|${f.ip}|:${url.port}`;
  if (f.kind === "tcp") {
    const errno = connectErrno(f.result);
    // Only silence is tried again: a refusal or a missing route ends wget at once.
    if (errno === "ETIMEDOUT") {
      if (!o.quiet) ctx.out.writeErr(`Connecting to ${where}... `);
      return { at: run.start + (o.timeoutMs ?? SYN_TIMEOUT_MS), text: "failed: Connection timed out." };
    }
    log(`Connecting to ${where}... failed: ${strerror(errno)}.`);
    return { exit: 4 };
  }
  log(`Connecting to ${where}... connected.`);
  if (f.kind === "empty") {
    if (!o.quiet) ctx.out.writeErr("HTTP request sent, awaiting response... ");
    return { at: ctx.world.clock, text: "No data received." };
  }
  const r = f.response;
  log(`HTTP request sent, awaiting response... ${r.status} ${r.reason}`.trimEnd());
  if (r.status >= 400) {
    log(`${MONTH_TIME(ctx.world.clock)} ERROR ${r.status}: ${r.reason}.`);
    log("");
    return { exit: 8 };
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
  return { exit: 0 };
}

/** Runs GNU wget's tries up to virtual time `until`; its exit status once it has ended. */
function gnuAdvance(ctx: Ctx, s: GnuState, until: number): number | undefined {
  for (;;) {
    const at = s.failing?.at ?? s.next;
    if (at > until) {
      advanceClock(ctx.world, until);
      return undefined;
    }
    advanceClock(ctx.world, at);
    if (s.failing) {
      const last = s.o.tries !== 0 && s.n >= s.o.tries;
      if (!s.o.quiet) ctx.out.error(`${s.failing.text}\n${last ? "Giving up." : "Retrying."}\n`);
      delete s.failing;
      if (last) return 4;
      // wget waits a second more after each failed try, up to --waitretry.
      s.next = ctx.world.clock + Math.min(s.n, s.o.waitRetry) * 1000;
      s.n += 1;
      continue;
    }
    const end = gnuTry(ctx, s);
    if ("exit" in end) return end.exit;
    s.failing = end;
  }
}

const gnuProcess: ProcessKind<GnuState> = {
  name: "wget",
  resume: (ctx, s, until) => gnuAdvance(ctx, s, until),
  interrupt: () => 130,
};

/** GNU wget: --help and --version, or a download tried again while only silence answers. */
function gnuWget(ctx: Ctx, o: Options): number {
  if (o.info) {
    ctx.out.write(o.info === "help" ? WGET_HELP : WGET_VERSION);
    return 0;
  }
  if (!o.urls[0]) throw gnuUsageError("wget: missing URL", 1);
  const s: GnuState = { o, n: 1, next: ctx.world.clock };
  const exit = gnuAdvance(ctx, s, ctx.world.clock);
  if (exit !== undefined) return exit;
  goLive(ctx, gnuProcess, s);
  return 0;
}

const wget: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const o = parseOptions(ctx.argv.slice(1), !busybox, (option) => {
    const message = `wget: unrecognized option '${option}'`;
    return busybox
      ? new ToolExit(1, `${message}\n${busyboxUsage("wget").stderr}`)
      : gnuUsageError(message, 2);
  });
  return busybox ? busyboxWget(ctx, o) : gnuWget(ctx, o);
};

export const commands: Command[] = [
  { name: "wget", where: ["host", "busybox"], processes: [gnuProcess], run: wget },
];
