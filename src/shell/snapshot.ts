/**
 * A Lab as it is saved (localStorage now, share links and lessons later): the JSON of the whole
 * lab, gzip-compressed and base64-encoded, so that a thousand-container lab fits in well under a
 * megabyte. Unpacking checks the world's format version and shape before anything uses it.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from "fflate";
import { WORLD_VERSION } from "../engine/world";
import type { Lab } from "./lab";

const PREFIX = "lab1:";

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // String.fromCharCode takes its arguments on the stack: go in slices.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function packLab(lab: Lab): string {
  return PREFIX + toBase64(gzipSync(strToU8(JSON.stringify(lab)), { level: 6 }));
}

/** The lab in a packed text, or undefined when the text is not one this version can read. */
export function unpackLab(text: string): Lab | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(strFromU8(gunzipSync(fromBase64(text.slice(PREFIX.length)))));
    return looksLikeLab(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function looksLikeLab(value: unknown): value is Lab {
  const lab = value as Lab | undefined;
  return (
    typeof lab === "object" &&
    lab !== null &&
    lab.world?.version === WORLD_VERSION &&
    typeof lab.world.netns === "object" &&
    typeof lab.world.machines === "object" &&
    Array.isArray(lab.world.rng) &&
    Array.isArray(lab.sessions) &&
    lab.sessions.length > 0 &&
    lab.sessions.every((s) => Array.isArray(s.frames) && s.frames.length > 0 && Array.isArray(s.history))
  );
}
