/**
 * Tab completion as bash with docker's completion script offers it: command names at the start of a
 * command, docker subcommands, flags and the names their arguments take (containers, networks,
 * images), and file paths the lab knows elsewhere. Pure: what exists comes in a CompletionSource.
 */
import { own } from "../engine/own";
import type { CompletionSource } from "../shell/completion-source";
import type { ArgKind, CompletionSpec } from "../shell/types";

interface Candidate {
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

/** Container names, and IDs once the typed word starts like one (docker's completion hides IDs until then). */
function containerCandidates(source: CompletionSource, kind: ArgKind, typed: string): Candidate[] {
  const wanted: Record<string, (status: string) => boolean> = {
    "running-container": (s) => s === "running",
    "stopped-container": (s) => s !== "running" && s !== "paused",
    "paused-container": (s) => s === "paused",
  };
  const chosen = source.containers.filter((c) => wanted[kind]?.(c.status) ?? true);
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

/** What a word naming `kind` can be. */
function kindCandidates(source: CompletionSource, kind: ArgKind, typed: string): Candidate[] {
  switch (kind) {
    case "network":
      return words(source.networks, typed);
    case "image":
      return imageCandidates(source, typed);
    case "netns":
      return words(source.netns, typed);
    case "dir":
      return pathCandidates(source, typed, true);
    case "object":
      return words(
        [
          ...containerCandidates(source, "container", typed).map((c) => c.value),
          ...source.networks,
          ...imageCandidates(source, typed).map((c) => c.value),
        ],
        typed,
      );
    case "command":
    case "text":
      return [];
    default:
      return containerCandidates(source, kind, typed);
  }
}

/**
 * The candidates after a command's words `args`, as its completion spec says: the subcommand words
 * while one is being chosen, then its flags (and what a flag's value names), then its operands.
 */
function specCandidates(
  source: CompletionSource,
  spec: CompletionSpec,
  args: string[],
  typed: string,
): Candidate[] {
  let node = spec;
  let used = 0;
  for (; node.subcommands && used < args.length; used++) {
    const next = own(node.subcommands, args[used] ?? "");
    if (!next) return node.strict ? [] : pathCandidates(source, typed, false);
    node = next;
  }
  const flags = node.flags ?? [];
  if (node.subcommands) {
    if (typed.startsWith("-"))
      return words(
        flags.map((f) => `--${f.long}`),
        typed,
      );
    const offered = Object.keys(node.subcommands).filter((w) => !node.hidden?.includes(w));
    if (offered.length > 0) return words(offered, typed);
  }
  const rest = args.slice(used);
  const operands = node.operands;
  let positional = 0;
  let flagsEnded = false;
  let pendingValue: ArgKind | undefined;
  for (const [i, arg] of rest.entries()) {
    if (pendingValue !== undefined) {
      pendingValue = undefined;
      continue;
    }
    if (!flagsEnded && arg === "--") {
      flagsEnded = true;
      continue;
    }
    if (!flagsEnded && arg.startsWith("--")) {
      pendingValue = flags.find((f) => f.long === arg.slice(2))?.value;
      continue;
    }
    if (!flagsEnded && arg.startsWith("-") && arg.length > 1) {
      // A cluster of short flags: the first one taking a value takes the rest, or the next word.
      for (let j = 1; j < arg.length; j++) {
        const value = flags.find((f) => f.short === arg[j])?.value;
        if (value) {
          if (j === arg.length - 1) pendingValue = value;
          break;
        }
      }
      continue;
    }
    // What follows a command operand is a command line of its own (`ip netns exec NAME ip ...`).
    if (operands?.[positional] === "command") return candidatesAfter(source, rest.slice(i), typed);
    positional++;
    if (node.interspersed === false) flagsEnded = true;
  }
  if (pendingValue !== undefined) return kindCandidates(source, pendingValue, typed);
  if (!flagsEnded && typed.startsWith("--") && typed.includes("=")) {
    const eq = typed.indexOf("=");
    const head = typed.slice(0, eq + 1);
    const value = flags.find((f) => f.long === typed.slice(2, eq))?.value;
    return (value ? kindCandidates(source, value, typed.slice(eq + 1)) : []).map((c) => ({
      ...c,
      value: head + c.value,
    }));
  }
  if (!flagsEnded && typed.startsWith("-") && flags.length > 0)
    return words(
      flags.map((f) => `--${f.long}`),
      typed,
    );
  const kind = operands?.[positional] ?? (node.repeat ? operands?.at(-1) : undefined);
  if (kind === "command") return candidatesAfter(source, [], typed);
  if (kind) return kindCandidates(source, kind, typed);
  return node.strict ? [] : pathCandidates(source, typed, false);
}

const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** The candidates for the word after the command words `before` (assignments already dropped). */
function candidatesAfter(source: CompletionSource, before: string[], typed: string): Candidate[] {
  if (before.length === 0) {
    if (ASSIGNMENT.test(typed)) return [];
    if (typed.includes("/")) return pathCandidates(source, typed, false);
    return words(source.commands, typed);
  }
  const [command = "", ...args] = before;
  const spec = own(source.specs, command);
  return spec ? specCandidates(source, spec, args, typed) : pathCandidates(source, typed, false);
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
