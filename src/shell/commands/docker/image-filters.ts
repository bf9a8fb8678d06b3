/**
 * `docker images --filter`: the daemon's image list filters (reference, dangling, label, before,
 * since), with its errors. A reference pattern is Go's path.Match against the familiar name with its
 * tag ("busybox:latest") or without ("busybox"), as distribution/reference's FamiliarMatch does.
 */
import type { DockerEra } from "../../../engine/docker/era";
import type { LocalImage } from "../../../engine/docker/types";
import { CliError } from "./cli";
import { labelMatch, parseFilters } from "./format";

/** path.Match's pattern as a regular expression; `null` for a malformed one (ErrBadPattern). */
function pathPattern(pattern: string): RegExp | null {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "\\") {
      const next = pattern[++i];
      if (next === undefined) return null;
      re += literal(next);
    } else if (ch === "[") {
      const end = classEnd(pattern, i + 1);
      if (end < 0) return null;
      const body = pattern.slice(i + 1, end);
      const negated = body.startsWith("^");
      const inner = (negated ? body.slice(1) : body).replace(/\\(.)/g, (_m, c: string) => literal(c));
      if (inner === "") return null;
      re += `[${negated ? "^" : ""}${inner}]`;
      i = end;
    } else re += literal(ch);
  }
  return new RegExp(`^${re}$`);
}

/** Where a character class that opens before `start` closes, or -1 when it does not. */
function classEnd(pattern: string, start: number): number {
  for (let j = start; j < pattern.length; j++) {
    if (pattern[j] === "\\") j++;
    else if (pattern[j] === "]" && j > start) return j;
  }
  return -1;
}

const literal = (ch: string) => ch.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");

/** The images a list shows under its --filter values; `created` gives an image's creation time. */
export function filterImages(
  images: LocalImage[],
  values: string[],
  created: (image: LocalImage) => number,
  era: DockerEra,
): LocalImage[] {
  const f = parseFilters(values, ["reference", "dangling", "label", "before", "since"]);
  for (const d of f.dangling ?? [])
    if (d !== "true" && d !== "false")
      throw new CliError(
        `Error response from daemon: ${era === 20 ? "I" : "i"}nvalid filter 'dangling=[${d}]'`,
      );
  const patterns = (f.reference ?? []).map((p) => {
    const re = pathPattern(p);
    if (!re) throw new CliError("Error response from daemon: syntax error in pattern");
    return re;
  });
  const bound = (name: string) => {
    const ref = name.includes(":") ? name : `${name}:latest`;
    const image = images.find((i) => i.ref === ref || i.id.startsWith(name));
    if (!image) throw new CliError(`Error response from daemon: No such image: ${ref}`);
    return created(image);
  };
  const before = (f.before ?? []).map(bound);
  const since = (f.since ?? []).map(bound);
  // The lab's images always carry a tag, so none is dangling; nor do they carry labels.
  const onlyDangling = f.dangling?.includes("true") ?? false;
  return images.filter((image) => {
    const name = image.ref.replace(/:[^:/]+$/, "");
    if (patterns.length && !patterns.some((re) => re.test(image.ref) || re.test(name))) return false;
    if (onlyDangling) return false;
    if (f.label && !labelMatch(f.label, {})) return false;
    const t = created(image);
    return before.every((b) => t < b) && since.every((s) => t > s);
  });
}
