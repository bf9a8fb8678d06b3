/**
 * The postMessage API between a page and the lab in its frame (or the custom element's events).
 *
 * The page sends:                                  The lab answers:
 *   {type: "lab:run", id, command, session?}         {type: "lab:result", id, stdout, stderr, exitCode}
 *   {type: "lab:reset", id}                          {type: "lab:result", id, ok: true}
 *   {type: "lab:load", id, state} / {…, lesson}      {type: "lab:result", id, ok: true}
 *   {type: "lab:state", id}                          {type: "lab:state", id, state}
 *   anything else, or a request it refuses           {type: "lab:error", id?, error}
 * The lab posts by itself: lab:ready (once it can run commands), lab:command (each command the
 * student runs: {command, session}), lab:goal (a step of the open lesson done: {lesson, step,
 * complete}).
 *
 * Only messages from the allowed origins are read at all; the rest are ignored without an answer.
 */
import * as v from "valibot";
import { MAX_COMMAND } from "../store/driver";
import type { LabApi, RunResult } from "../store/lab-api";
import type { LabDocument } from "../store/lab-file";

const id = v.optional(v.union([v.string(), v.number()]));

const request = v.variant("type", [
  v.object({
    type: v.literal("lab:run"),
    id,
    command: v.pipe(v.string(), v.maxLength(MAX_COMMAND)),
    session: v.optional(v.string()),
  }),
  v.object({ type: v.literal("lab:reset"), id }),
  v.object({
    type: v.literal("lab:load"),
    id,
    state: v.optional(v.unknown()),
    lesson: v.optional(v.string()),
  }),
  v.object({ type: v.literal("lab:state"), id }),
]);

type Id = string | number | undefined;

export type Reply =
  | ({ type: "lab:result"; id: Id } & RunResult)
  | { type: "lab:result"; id: Id; ok: true }
  | { type: "lab:state"; id: Id; state: LabDocument }
  | { type: "lab:error"; id: Id; error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Answers one message from an allowed origin; never throws, never changes anything for a bad one. */
export async function handle(data: unknown, api: LabApi): Promise<Reply> {
  const parsed = v.safeParse(request, data);
  const replyId: Id =
    typeof data === "object" &&
    data !== null &&
    "id" in data &&
    (typeof data.id === "string" || typeof data.id === "number")
      ? data.id
      : undefined;
  if (!parsed.success) {
    const type = typeof data === "object" && data !== null && "type" in data ? String(data.type) : undefined;
    const known = type && ["lab:run", "lab:reset", "lab:load", "lab:state"].includes(type);
    return {
      type: "lab:error",
      id: replyId,
      error: known
        ? `malformed ${type}: ${v.summarize(parsed.issues)}`
        : `unknown message type ${JSON.stringify(type ?? null)}`,
    };
  }
  const req = parsed.output;
  try {
    switch (req.type) {
      case "lab:run":
        return { type: "lab:result", id: req.id, ...(await api.run(req.command, req.session)) };
      case "lab:reset":
        api.reset();
        return { type: "lab:result", id: req.id, ok: true };
      case "lab:load":
        if (req.lesson !== undefined) await api.loadLesson(req.lesson);
        else if (req.state !== undefined) api.load(req.state);
        else return { type: "lab:error", id: req.id, error: "lab:load needs a state or a lesson" };
        return { type: "lab:result", id: req.id, ok: true };
      case "lab:state":
        return { type: "lab:state", id: req.id, state: api.state() };
    }
  } catch (error) {
    return { type: "lab:error", id: req.id, error: message(error) };
  }
}
