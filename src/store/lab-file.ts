/**
 * The one document a lab travels in, whatever carries it: the saved state, a share link, an
 * exported file, a lesson's starting lab, a `lab:load` message. Reading one goes through the same
 * gate every time: size limits, unpacking with a cap (no zip bombs), JSON, the migrations of older
 * versions, the schema, and the lab's internal references. Whatever fails is refused with a reason
 * in words, and nothing is changed until a document has passed.
 *
 * Two spellings: JSON (files), and packed: "lab3:" + base64url(gzip(JSON)) (saves, links). Older
 * ones are read too: "lab1:" packed labs (format 2) and plain saved objects (format 1).
 */
import { Gunzip, gzipSync, strFromU8, strToU8 } from "fflate";
import * as v from "valibot";
import { WORLD_VERSION } from "../engine/world";
import type { Lab } from "../shell/lab-state";
import { labProblem } from "./lab-integrity";
import { labSchema } from "./lab-schema";
import { migrate } from "./migrations";

const FORMAT = "docker-network-lab";
export const FORMAT_VERSION = 4;
const PACKED = "lab3:";
/** Format 2 kept the lab alone packed under this prefix. */
const PACKED_LAB_V2 = "lab1:";

/** Bounds on what is read: a thousand-container lab packs to about 1 MB and unpacks to about 30 MB. */
export const LIMITS = { textChars: 16 * 1024 * 1024, unpackedBytes: 96 * 1024 * 1024 };

type Position = { x: number; y: number };

/** What is kept with a lab besides the lab itself: the tab in front and the nodes the user placed. */
export interface LabView {
  activeSession?: string;
  positions?: Record<string, Position>;
}

export interface LabDocument {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  lab: Lab;
  view?: LabView;
}

export type ReadResult = { ok: true; doc: LabDocument; from: number } | { ok: false; error: string };

const finite = v.pipe(v.number(), v.finite());
const documentSchema = v.object({
  format: v.literal(FORMAT),
  version: v.literal(FORMAT_VERSION),
  lab: labSchema,
  view: v.optional(
    v.object({
      activeSession: v.optional(v.string()),
      positions: v.optional(v.record(v.string(), v.object({ x: finite, y: finite }))),
    }),
  ),
});

class Refused extends Error {}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // String.fromCharCode takes its arguments on the stack: go in slices.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, ""));
  } catch {
    throw new Refused("it is not complete (the packed text is damaged or cut off)");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** gunzip, stopping as soon as the output passes the limit: a small bomb never inflates. */
function gunzipCapped(bytes: Uint8Array): string {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > LIMITS.unpackedBytes) throw new Refused("it is too large to be a lab");
    parts.push(chunk);
  });
  try {
    const slice = 16 * 1024;
    for (let i = 0; i < bytes.length; i += slice)
      stream.push(bytes.subarray(i, i + slice), i + slice >= bytes.length);
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused("it is not complete (the packed text is damaged or cut off)");
  }
  if (bytes.length === 0) throw new Refused("it is empty");
  const all = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return strFromU8(all);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Refused("it is not complete (the JSON is damaged or cut off)");
  }
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** A text (JSON, packed, or a link holding one) as plain data, not yet trusted. */
function decodeText(raw: string): unknown {
  if (raw.length > LIMITS.textChars) throw new Refused("it is too large to be a lab");
  let text = raw.trim();
  const hash = text.indexOf("#lab=");
  if (hash >= 0) text = decodeURIComponent(text.slice(hash + 5));
  if (text.startsWith(PACKED)) return parseJson(gunzipCapped(fromBase64(text.slice(PACKED.length))));
  if (text.startsWith(PACKED_LAB_V2)) return { lab: text };
  if (text.startsWith("{")) return parseJson(text);
  throw new Refused("it is not a Docker Network Lab file or link");
}

/** The format version of a decoded document, by its shape (formats 1 and 2 carried no number). */
function versionOf(doc: Record<string, unknown>): number {
  if (doc.format === FORMAT) {
    if (typeof doc.version !== "number" || !Number.isInteger(doc.version))
      throw new Refused("its format version is missing");
    return doc.version;
  }
  if (typeof doc.lab === "string") return 2;
  if (isObject(doc.lab)) return 1;
  throw new Refused("it is not a Docker Network Lab file or link");
}

/** The first schema issue as "where: what". */
function issueText(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return "its contents are not a lab";
  const path = v.getDotPath(issue);
  return `its contents are not a lab (${path ? `${path}: ` : ""}${issue.message})`;
}

/** Reads a lab document from outside: a text (JSON, packed, a share link) or an already parsed value. */
export function readLabDocument(input: unknown): ReadResult {
  try {
    let value = typeof input === "string" ? decodeText(input) : input;
    if (!isObject(value)) throw new Refused("it is not a Docker Network Lab file or link");
    const from = versionOf(value);
    if (from > FORMAT_VERSION)
      throw new Refused(
        `it was made by a newer version of the lab (format ${from}; this one reads up to ${FORMAT_VERSION})`,
      );
    if (from < 1) throw new Refused(`its format version ${from} does not exist`);
    if (from === 2 && typeof value.lab === "string") {
      if (!value.lab.startsWith(PACKED_LAB_V2))
        throw new Refused("it is not a Docker Network Lab file or link");
      value = { ...value, lab: parseJson(gunzipCapped(fromBase64(value.lab.slice(PACKED_LAB_V2.length)))) };
    }
    const migrated = migrate(value as Record<string, unknown>, from, FORMAT_VERSION);
    const checked = v.safeParse(documentSchema, migrated);
    if (!checked.success) throw new Refused(issueText(checked.issues));
    const doc = checked.output as LabDocument;
    if (doc.lab.world.version !== WORLD_VERSION)
      throw new Refused(`its world is of version ${doc.lab.world.version}, which this lab cannot read`);
    const problem = labProblem(doc.lab);
    if (problem) throw new Refused(`it does not hold together: ${problem}`);
    return { ok: true, doc, from };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.message };
    // Anything else (a stack overflow in a deeply nested value) is refused the same way.
    return { ok: false, error: "its contents are not a lab" };
  }
}

export function labDocument(lab: Lab, view?: LabView): LabDocument {
  return { format: FORMAT, version: FORMAT_VERSION, lab, ...(view ? { view } : {}) };
}

/** The packed spelling, for saves and share links. */
export function packDocument(doc: LabDocument): string {
  return PACKED + toBase64Url(gzipSync(strToU8(JSON.stringify(doc)), { level: 9 }));
}

/** The JSON spelling, for files a person may open. */
export function documentJson(doc: LabDocument): string {
  return `${JSON.stringify(doc)}\n`;
}
