/**
 * sed's `s`: GNU's loop over the matches (an empty match where the last one ended is skipped) and
 * busybox's (do_subst_command: each search in what is left), and the replacement's escapes.
 */
import type { SedCommand } from "./script";

/** The replacement for one match: `&`, `\N`, `\n`, and GNU's case conversions `\U \L \u \l \E`. */
function expand(replacement: string, match: RegExpExecArray, busybox: boolean): string {
  let out = "";
  let mode: "" | "U" | "L" = "";
  let once: "" | "u" | "l" = "";
  const add = (text: string) => {
    for (const ch of text) {
      let c = mode === "U" ? ch.toUpperCase() : mode === "L" ? ch.toLowerCase() : ch;
      if (once) {
        c = once === "u" ? c.toUpperCase() : c.toLowerCase();
        once = "";
      }
      out += c;
    }
  };
  for (let k = 0; k < replacement.length; k++) {
    const c = replacement[k] ?? "";
    if (c === "&") add(match[0]);
    else if (c === "\\" && k + 1 < replacement.length) {
      const n = replacement[++k] ?? "";
      if (/\d/.test(n)) add(match[Number(n)] ?? "");
      else if (n === "n") add("\n");
      else if (n === "t") add("\t");
      else if (!busybox && (n === "U" || n === "L")) mode = n;
      else if (!busybox && n === "E") mode = "";
      else if (!busybox && (n === "u" || n === "l")) once = n;
      else add(n);
    } else add(c);
  }
  return out;
}

/** The regex with its `^` anchors made unmatchable: regexec's REG_NOTBOL. */
function notAtStart(re: RegExp): RegExp {
  const src = re.source;
  let source = "";
  for (let k = 0; k < src.length; k++) {
    const c = src[k] ?? "";
    if (c === "\\") source += c + (src[++k] ?? "");
    else if (c === "^") source += "(?!)";
    else if (c === "[") {
      // A bracket expression is copied whole: its `^` negates, and a `]` first in it is a member.
      let end = k + 1;
      if (src[end] === "^") end++;
      if (src[end] === "]") end++;
      while (end < src.length && src[end] !== "]") end += src[end] === "\\" ? 2 : 1;
      source += src.slice(k, end + 1);
      k = end;
    } else source += c;
  }
  return new RegExp(source, re.flags.replace("g", ""));
}

/**
 * busybox's do_subst_command(): after each match it searches again in what is left, as a new string
 * (REG_NOTBOL); an empty match right after a non-empty one is counted but not replaced.
 */
function substituteBusybox(cmd: SedCommand, find: RegExp, text: string): string | undefined {
  const which = cmd.global ? 0 : (cmd.nth ?? 1);
  const again = notAtStart(find);
  let line = text;
  let out = "";
  let count = 0;
  let altered = false;
  let previousEmpty = true;
  let triedAtEnd = false;
  for (let m = new RegExp(find.source, find.flags.replace("g", "")).exec(line); m; m = again.exec(line)) {
    const start = m.index;
    let end = start + m[0].length;
    count++;
    const wanted = which === 0 || which === count;
    out += line.slice(0, wanted ? start : end);
    if (wanted && (previousEmpty || start !== 0 || start !== end)) {
      out += expand(cmd.replacement ?? "", m, true);
      altered = true;
    }
    if (wanted) previousEmpty = start === end;
    // After an empty match one character is copied before searching again.
    if (start === end) {
      if (end < line.length) out += line[end++];
      else if (wanted) triedAtEnd = true;
    }
    line = line.slice(end);
    if (wanted && which !== 0) break;
    if (line === "") {
      if (triedAtEnd) break;
      triedAtEnd = true;
    }
  }
  return altered ? out + line : undefined;
}

/** `s` with the regex it uses (an empty one is the last used): the new text, or undefined when nothing matched. */
export function substitute(
  cmd: SedCommand,
  find: RegExp,
  text: string,
  busybox: boolean,
): string | undefined {
  if (busybox) return substituteBusybox(cmd, find, text);
  const re = new RegExp(find.source, `${find.flags.replace("g", "")}g`);
  let out = "";
  let last = 0;
  let count = 0;
  let done = false;
  let previousEnd = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // An empty match right where the last match ended is no match (`s/a*/x/g` on "a" is "x").
    if (m[0] === "" && m.index === previousEnd) {
      re.lastIndex++;
      continue;
    }
    previousEnd = m.index + m[0].length;
    count++;
    if (count >= (cmd.nth ?? 1) && (cmd.global || count === cmd.nth)) {
      out += text.slice(last, m.index) + expand(cmd.replacement ?? "", m, busybox);
      last = m.index + m[0].length;
      done = true;
      if (!cmd.global) break;
    }
    if (m[0] === "") re.lastIndex++;
  }
  return done ? out + text.slice(last) : undefined;
}
