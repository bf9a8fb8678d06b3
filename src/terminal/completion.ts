/**
 * Tab completion as bash with docker's completion script offers it: command names at the start of a
 * command, docker subcommands, flags and the names their arguments take (containers, networks,
 * images), and file paths the lab knows elsewhere. Pure: what exists comes in a CompletionSource.
 */
import type { CompletionSource, ContainerInfo, DockerEntry, DockerTable } from "../shell/completion-source";

export interface Candidate {
  /** The text that replaces the word being completed. */
  value: string;
  /** How it is listed after a double Tab (a file's name without its directory). */
  display: string;
  /** What follows a unique completion: a space, or nothing after a directory's "/". */
  suffix: " " | "";
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  candidates: Candidate[];
}

interface Word {
  text: string;
  start: number;
}

/** The simple command the cursor is in: its words before the cursor, and the word being typed. */
interface Context {
  words: Word[];
  current: Word;
  /** The word being typed follows a redirection (`> file`). */
  redirect: boolean;
}

/** Splits the line up to the cursor as the shell would, enough to know which word is being typed. */
function contextAt(line: string, cursor: number): Context {
  let words: Word[] = [];
  let text = "";
  let start = -1;
  let quote = "";
  /** A redirection was read: the next word is its file. */
  let pendingTarget = false;
  /** The word being read is a redirection's file, not an argument. */
  let isTarget = false;
  const beginWord = (at: number) => {
    if (start >= 0) return;
    start = at;
    isTarget = pendingTarget;
    pendingTarget = false;
  };
  const endWord = () => {
    if (start >= 0 && !isTarget) words.push({ text, start });
    text = "";
    start = -1;
    isTarget = false;
  };
  for (let i = 0; i < cursor; i++) {
    const c = line[i] ?? "";
    if (quote) {
      if (c === quote) quote = "";
      else text += c;
    } else if (c === "'" || c === '"') {
      beginWord(i);
      quote = c;
    } else if (c === "\\" && i + 1 < cursor) {
      beginWord(i);
      text += line[++i] ?? "";
    } else if (c === " " || c === "\t") {
      endWord();
    } else if ("|;&()`".includes(c) || (c === "$" && line[i + 1] === "(")) {
      endWord();
      words = [];
      pendingTarget = false;
      if (c === "$") i++;
    } else if (c === ">" || c === "<") {
      // `2>`: the digit belongs to the operator, not to a word.
      if (/^\d$/.test(text) && !isTarget) start = -1;
      endWord();
      pendingTarget = true;
    } else {
      beginWord(i);
      text += c;
    }
  }
  return {
    words,
    current: { text, start: start < 0 ? cursor : start },
    redirect: start >= 0 ? isTarget : pendingTarget,
  };
}

export function commonPrefix(values: string[]): string {
  let prefix = values[0] ?? "";
  for (const v of values) {
    let i = 0;
    while (i < prefix.length && i < v.length && prefix[i] === v[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

function words(values: Iterable<string>, typed: string): Candidate[] {
  return [...new Set(values)]
    .filter((v) => v.startsWith(typed))
    .sort()
    .map((value) => ({ value, display: value, suffix: " " }));
}

/** Files and directories under the directory the typed word names; directories get a "/" and no space. */
function pathCandidates(source: CompletionSource, typed: string, onlyDirs: boolean): Candidate[] {
  const slash = typed.lastIndexOf("/");
  const dirPart = typed.slice(0, slash + 1);
  const base = typed.slice(slash + 1);
  const dir = dirPart.startsWith("/") ? dirPart : `${source.cwd.replace(/\/$/, "")}/${dirPart}`;
  const absDir = normalize(dir);
  const children = new Map<string, boolean>();
  for (const path of source.paths) {
    if (!path.startsWith(absDir) || path === absDir) continue;
    const rest = path.slice(absDir.length);
    const cut = rest.indexOf("/");
    const name = cut < 0 ? rest : rest.slice(0, cut);
    const isDir = cut >= 0;
    if (name && (isDir || !children.has(name))) children.set(name, isDir || (children.get(name) ?? false));
  }
  return [...children]
    .filter(
      ([name, isDir]) =>
        name.startsWith(base) && (!name.startsWith(".") || base.startsWith(".")) && (isDir || !onlyDirs),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, isDir]) => ({
      value: `${dirPart}${name}${isDir ? "/" : ""}`,
      display: `${name}${isDir ? "/" : ""}`,
      suffix: isDir ? "" : " ",
    }));
}

/** An absolute directory path ending with "/", with `.` and `..` resolved. */
function normalize(dir: string): string {
  const parts: string[] = [];
  for (const part of dir.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
}

/** The command whose path (or alias) is the longest prefix of the words, as the CLI dispatches. */
function findIn(table: DockerTable, args: string[]): { cmd: DockerEntry; used: number } | undefined {
  let best: { cmd: DockerEntry; used: number } | undefined;
  for (const cmd of table.commands) {
    for (const path of cmd.paths) {
      const fits = path.length <= args.length && path.every((p, i) => args[i] === p);
      if (fits && (!best || path.length > best.used)) best = { cmd, used: path.length };
    }
  }
  return best;
}

/** The argument names in a usage line after the options: "NETWORK CONTAINER", "CONTAINER [CONTAINER...]". */
function placeholders(cmd: DockerEntry): string[] {
  return cmd.use
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "[OPTIONS]")
    .map((w) => w.replace(/^\[|\]$/g, ""));
}

/** Which containers a command acts on: `exec` needs a running one, `start` a stopped one. */
function containerFilter(cmd: DockerEntry): (c: ContainerInfo) => boolean {
  const verb = cmd.paths[0]?.at(-1);
  if (verb && ["exec", "attach", "stop", "kill", "pause", "top"].includes(verb))
    return (c) => c.status === "running";
  if (verb === "start") return (c) => c.status !== "running" && c.status !== "paused";
  if (verb === "unpause") return (c) => c.status === "paused";
  return () => true;
}

/** Container names, and IDs once the typed word starts like one (docker's completion hides IDs until then). */
function containerCandidates(source: CompletionSource, cmd: DockerEntry, typed: string): Candidate[] {
  const chosen = source.containers.filter(containerFilter(cmd));
  const ids = typed && /^[0-9a-f]+$/.test(typed) ? chosen.map((c) => c.id.slice(0, 12)) : [];
  return words([...chosen.map((c) => c.name), ...ids], typed);
}

/** Images as `repo:tag`, and the bare repository for `latest`. */
function imageCandidates(source: CompletionSource, typed: string): Candidate[] {
  const names = source.images.flatMap((ref) =>
    ref.endsWith(":latest") ? [ref, ref.slice(0, -":latest".length)] : [ref],
  );
  return words(names, typed);
}

function argumentCandidates(
  source: CompletionSource,
  cmd: DockerEntry,
  placeholder: string,
  typed: string,
): Candidate[] {
  if (placeholder.includes("CONTAINER")) return containerCandidates(source, cmd, typed);
  if (placeholder.includes("NETWORK")) return words(source.networks, typed);
  if (placeholder.includes("IMAGE")) return imageCandidates(source, typed);
  if (placeholder.startsWith("NAME|ID")) {
    return words(
      [
        ...containerCandidates(source, cmd, typed).map((c) => c.value),
        ...source.networks,
        ...imageCandidates(source, typed).map((c) => c.value),
      ],
      typed,
    );
  }
  return [];
}

/** Values of a flag that names something: `--network`/`--net` networks, `--link` containers. */
function flagValueCandidates(
  source: CompletionSource,
  cmd: DockerEntry,
  flag: string,
  typed: string,
): Candidate[] {
  if (flag === "network" || flag === "net") return words(source.networks, typed);
  if (flag === "link") return containerCandidates(source, { ...cmd, paths: [["link"]] }, typed);
  return [];
}

/** Completion after `docker`: the subcommand words, then the chosen command's flags and arguments. */
function dockerCandidates(
  source: CompletionSource,
  table: DockerTable,
  args: string[],
  typed: string,
): Completion["candidates"] {
  const allPaths = table.commands.flatMap((c) => c.paths);
  // Still choosing the command: every word so far is a prefix of some command's path.
  const extending = allPaths.filter((p) => p.length > args.length && args.every((a, i) => p[i] === a));
  if (extending.length > 0 || args.length === 0) {
    if (typed.startsWith("-")) return words(["--help", "--version"], typed);
    return words(
      extending.map((p) => p[args.length] ?? ""),
      typed,
    );
  }
  const found = findIn(table, args);
  if (!found) return [];
  const { cmd, used } = found;
  const specs = cmd.flags;
  const { interspersed } = cmd;
  let positional = 0;
  let flagsEnded = false;
  let pendingValue: string | undefined;
  for (const arg of args.slice(used)) {
    if (pendingValue !== undefined) {
      pendingValue = undefined;
      continue;
    }
    if (!flagsEnded && arg === "--") {
      flagsEnded = true;
      continue;
    }
    if (!flagsEnded && arg.startsWith("--")) {
      const spec = specs.find((s) => s.long === arg.slice(2));
      if (spec?.takesValue) pendingValue = spec.long;
      continue;
    }
    if (!flagsEnded && arg.startsWith("-") && arg.length > 1) {
      // A cluster of short flags: the first one taking a value takes the rest, or the next word.
      for (let i = 1; i < arg.length; i++) {
        const spec = specs.find((s) => s.short === arg[i]);
        if (spec?.takesValue) {
          if (i === arg.length - 1) pendingValue = spec.long;
          break;
        }
      }
      continue;
    }
    positional++;
    if (!interspersed) flagsEnded = true;
  }
  if (pendingValue !== undefined) return flagValueCandidates(source, cmd, pendingValue, typed);
  if (!flagsEnded && typed.startsWith("--") && typed.includes("=")) {
    const eq = typed.indexOf("=");
    const head = typed.slice(0, eq + 1);
    return flagValueCandidates(source, cmd, typed.slice(2, eq), typed.slice(eq + 1)).map((c) => ({
      ...c,
      value: head + c.value,
    }));
  }
  if (!flagsEnded && typed.startsWith("-")) {
    return words([...specs.map((s) => `--${s.long}`), "--help"], typed);
  }
  const names = placeholders(cmd);
  const last = names[names.length - 1];
  const placeholder = names[positional] ?? (last?.endsWith("...") ? last : undefined);
  return placeholder ? argumentCandidates(source, cmd, placeholder, typed) : [];
}

const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** iproute2's `ip netns` subcommands. */
const NETNS_COMMANDS = [
  "add",
  "attach",
  "delete",
  "exec",
  "identify",
  "list",
  "list-id",
  "monitor",
  "pids",
  "set",
];

/** After `ip netns`: its subcommands, then a namespace name, then (after `exec NAME`) a whole command. */
function ipNetnsCandidates(source: CompletionSource, args: string[], typed: string): Candidate[] | undefined {
  if (args[0] !== "netns") return undefined;
  if (args.length === 1) return words(NETNS_COMMANDS, typed);
  const sub = args[1] ?? "";
  if (args.length === 2 && ["exec", "delete", "del", "pids", "set", "attach"].includes(sub)) {
    return words(source.netns, typed);
  }
  return undefined;
}

/** The candidates for the word after the command words `before` (assignments already dropped). */
function candidatesAfter(source: CompletionSource, before: string[], typed: string): Candidate[] {
  if (before.length === 0) {
    if (ASSIGNMENT.test(typed)) return [];
    if (typed.includes("/")) return pathCandidates(source, typed, false);
    return words(source.commands, typed);
  }
  const [command, ...args] = before;
  if (command === "docker" && source.docker) return dockerCandidates(source, source.docker, args, typed);
  // `ip netns exec NAME CMD …`: what follows NAME is a command of its own.
  if (command === "ip" && args[0] === "netns" && args[1] === "exec" && args.length >= 3) {
    return candidatesAfter(source, args.slice(3), typed);
  }
  if (command === "ip") {
    const netns = ipNetnsCandidates(source, args, typed);
    if (netns) return netns;
  }
  return pathCandidates(source, typed, command === "cd");
}

/** What Tab can put in place of the word at the cursor. */
export function complete(line: string, cursor: number, source: CompletionSource): Completion {
  const { words: before, current, redirect } = contextAt(line, cursor);
  const start = current.start;
  const typed = current.text;
  if (redirect) return { start, candidates: pathCandidates(source, typed, false) };
  // Assignments before the command name (`A=1 cmd`) are not the command.
  let first = 0;
  while (first < before.length && ASSIGNMENT.test(before[first]?.text ?? "")) first++;
  const commandWords = before.slice(first).map((w) => w.text);
  return { start, candidates: candidatesAfter(source, commandWords, typed) };
}

/**
 * Candidates in columns, filled top to bottom and then left to right, each column as wide as the
 * longest name plus two spaces, as readline lists them after a double Tab.
 */
export function formatColumns(items: string[], width: number): string {
  const longest = Math.max(0, ...items.map((i) => i.length));
  const column = longest + 2;
  let perLine = Math.floor(width / column);
  if (perLine !== 1 && perLine * column === width) perLine--;
  if (perLine <= 0) perLine = 1;
  const lines = Math.ceil(items.length / perLine);
  const out: string[] = [];
  for (let row = 0; row < lines; row++) {
    let line = "";
    for (let col = 0; col < perLine; col++) {
      const index = row + col * lines;
      const item = items[index];
      if (item === undefined) break;
      line += col + 1 < perLine ? item.padEnd(column) : item;
    }
    out.push(line);
  }
  return out.map((l) => `${l}\n`).join("");
}
