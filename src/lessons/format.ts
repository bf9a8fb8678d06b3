/**
 * The lesson format, version 1: a lesson (or a troubleshooting challenge) is plain JSON data that
 * an instructor writes without code: where the lab starts, steps with an explanation and commands to
 * try, goals checked against the lab's state (checks.ts), hints, and for a challenge the solution
 * and the real-world story behind the fault. docs/lessons.md documents it field by field.
 * Everything read from outside passes `readLesson`, which refuses a malformed file with a reason.
 */
import * as v from "valibot";
import { type DockerEra, ERAS } from "../engine/docker/era";
import type { Language } from "../i18n/languages";

const LESSON_FORMAT = "docker-network-lab/lesson";
const LESSON_VERSION = 1;

/** Text in one language for all, or per language (English required, the others fall back to it). */
export type Text = string | { en: string; "zh-CN"?: string; ru?: string };

/** Where a check looks or a packet starts: a container, an `ip netns` name, or a machine's own stack. */
export type Where = { container: string } | { netns: string; machine?: string } | { machine: string };

export type Check =
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check }
  | {
      container: string;
      machine?: string;
      /** "absent" when no container has the name. */
      state?: "running" | "stopped" | "created" | "absent";
      /** On this network (an endpoint in it). */
      network?: string;
      /** The network mode it was started with: bridge, host, none, container, or a network's name. */
      mode?: string;
      image?: string;
      /** Has this IPv4 address on some network. */
      address?: string;
      /** Publishes this container port (tcp), optionally on this host port. */
      publishes?: { port: number; hostPort?: number };
    }
  | {
      network: string;
      machine?: string;
      exists?: boolean;
      driver?: string;
      internal?: boolean;
      subnet?: string;
      /** Driver options (-o), as docker network inspect shows them. */
      options?: Record<string, string>;
    }
  | { netns: string; machine?: string; exists: boolean }
  /** A packet walked for the check (ping, or TCP with an HTTP request when `port`): does it get through? */
  | {
      reach: { from: Where; to: string; port?: number };
      ok?: boolean;
      /** When it must fail: how (a ProbeFailure kind: name, dropped, no-route, refused, reset …). */
      failure?: string;
    }
  /** A name resolves from a place (its /etc/hosts and DNS), optionally to a container's address. */
  | { resolve: { from: Where; name: string }; ok?: boolean; toContainer?: string }
  | { file: { in: Where; path: string }; contains?: string; exists?: boolean }
  | {
      link: { in: Where; name?: string; peerOf?: string };
      exists?: boolean;
      up?: boolean;
      address?: string;
      master?: string;
    }
  | { route: { in: Where; to: string }; via?: string; exists?: boolean }
  /** A rule (its `iptables -S` text contains `rule`) in a chain of a namespace's table (host1's by default). */
  | { iptables: { in?: Where; table?: "filter" | "nat"; chain: string }; rule: string; exists?: boolean };

interface Hint {
  /** Shown while the goal is not met and this holds: a hint about what is wrong now. */
  when?: Check;
  text: Text;
}

export interface Goal {
  text: Text;
  check: Check;
  hints?: Hint[];
}

export interface Step {
  text: Text;
  /** Commands the student can put into the prompt with one click (never run unasked). */
  commands?: string[];
  /** The Docker host whose tab the commands go to (`host2` …); host1's when absent. */
  on?: string;
  /** Until they all hold, the step is not done; a step without goals is done when the student moves on. */
  goals?: Goal[];
}

export interface Tutorial {
  /** The tutorial's own title, as it was published. */
  title: string;
  language: Language;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  version: typeof LESSON_VERSION;
  id: string;
  kind: "lesson" | "challenge";
  title: Text;
  summary: Text;
  /** The tutorials this follows, cited by their own titles. */
  follows?: Tutorial[];
  /** The lab it starts from: commands run in a fresh lab (with `seed`), or a lab exported from the page. */
  start: { seed?: number; commands?: string[]; lab?: string };
  steps: Step[];
  /** A challenge's fix, one command at a time ("show solution" offers the next). */
  solution?: string[];
  /** A challenge's real-world story, shown once it is solved. */
  explanation?: Text;
  /** While the lesson is open the graph names its parts in the CNM's words (sandbox, endpoint, network). */
  graph?: { labels: "cnm" };
  /**
   * The Docker release whose output the lesson shows, and that its lab runs: 20 for the tutorials'
   * 20.10, 26 (today's) when absent.
   */
  era?: DockerEra;
}

const text: v.GenericSchema<Text> = v.union([
  v.pipe(v.string(), v.minLength(1)),
  v.object({
    en: v.pipe(v.string(), v.minLength(1)),
    "zh-CN": v.optional(v.string()),
    ru: v.optional(v.string()),
  }),
]);

const where: v.GenericSchema<Where> = v.union([
  v.strictObject({ container: v.string() }),
  v.strictObject({ netns: v.string(), machine: v.optional(v.string()) }),
  v.strictObject({ machine: v.string() }),
]);

const port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));

const check: v.GenericSchema<Check> = v.lazy(() =>
  v.union([
    v.strictObject({ all: v.array(check) }),
    v.strictObject({ any: v.array(check) }),
    v.strictObject({ not: check }),
    v.strictObject({
      container: v.string(),
      machine: v.optional(v.string()),
      state: v.optional(v.picklist(["running", "stopped", "created", "absent"])),
      network: v.optional(v.string()),
      mode: v.optional(v.string()),
      image: v.optional(v.string()),
      address: v.optional(v.string()),
      publishes: v.optional(v.strictObject({ port, hostPort: v.optional(port) })),
    }),
    v.strictObject({
      network: v.string(),
      machine: v.optional(v.string()),
      exists: v.optional(v.boolean()),
      driver: v.optional(v.string()),
      internal: v.optional(v.boolean()),
      subnet: v.optional(v.string()),
      options: v.optional(v.record(v.string(), v.string())),
    }),
    v.strictObject({ netns: v.string(), machine: v.optional(v.string()), exists: v.boolean() }),
    v.strictObject({
      reach: v.strictObject({ from: where, to: v.string(), port: v.optional(port) }),
      ok: v.optional(v.boolean()),
      failure: v.optional(v.string()),
    }),
    v.strictObject({
      resolve: v.strictObject({ from: where, name: v.string() }),
      ok: v.optional(v.boolean()),
      toContainer: v.optional(v.string()),
    }),
    v.strictObject({
      file: v.strictObject({ in: where, path: v.string() }),
      contains: v.optional(v.string()),
      exists: v.optional(v.boolean()),
    }),
    v.strictObject({
      link: v.strictObject({ in: where, name: v.optional(v.string()), peerOf: v.optional(v.string()) }),
      exists: v.optional(v.boolean()),
      up: v.optional(v.boolean()),
      address: v.optional(v.string()),
      master: v.optional(v.string()),
    }),
    v.strictObject({
      route: v.strictObject({ in: where, to: v.string() }),
      via: v.optional(v.string()),
      exists: v.optional(v.boolean()),
    }),
    v.strictObject({
      iptables: v.strictObject({
        in: v.optional(where),
        table: v.optional(v.picklist(["filter", "nat"])),
        chain: v.string(),
      }),
      rule: v.string(),
      exists: v.optional(v.boolean()),
    }),
  ]),
);

const goal = v.strictObject({
  text,
  check,
  hints: v.optional(v.array(v.strictObject({ when: v.optional(check), text }))),
});

const lessonSchema = v.strictObject({
  format: v.literal(LESSON_FORMAT),
  version: v.literal(LESSON_VERSION),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lowercase letters, digits and dashes")),
  kind: v.picklist(["lesson", "challenge"]),
  title: text,
  summary: text,
  follows: v.optional(
    v.array(v.strictObject({ title: v.string(), language: v.picklist(["en", "zh-CN", "ru"]) })),
  ),
  start: v.strictObject({
    seed: v.optional(v.pipe(v.number(), v.integer())),
    commands: v.optional(v.array(v.string())),
    lab: v.optional(v.string()),
  }),
  steps: v.pipe(
    v.array(
      v.strictObject({
        text,
        commands: v.optional(v.array(v.string())),
        on: v.optional(
          v.pipe(v.string(), v.regex(/^host\d+$/, "a step is on a Docker host: host1, host2 …")),
        ),
        goals: v.optional(v.array(goal)),
      }),
    ),
    v.minLength(1, "a lesson has at least one step"),
  ),
  solution: v.optional(v.array(v.string())),
  explanation: v.optional(text),
  era: v.optional(v.picklist(ERAS)),
  graph: v.optional(v.strictObject({ labels: v.literal("cnm") })),
});

export type ReadLesson = { ok: true; lesson: Lesson } | { ok: false; error: string };

/** Where in the file an issue is, as a path ("steps[2].goals[0].check"). */
function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((p) => (typeof p.key === "number" ? `[${p.key}]` : `.${String(p.key)}`))
    .join("")
    .replace(/^\./, "");
}

/** A lesson from JSON text or parsed data, or the reason it is refused. */
export function readLesson(input: string | unknown): ReadLesson {
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch {
      return { ok: false, error: "it is not JSON" };
    }
  }
  if (typeof data === "object" && data !== null && "format" in data && data.format !== LESSON_FORMAT)
    return { ok: false, error: `its format is not "${LESSON_FORMAT}"` };
  if (typeof data === "object" && data !== null && "version" in data && data.version !== LESSON_VERSION)
    return {
      ok: false,
      error: `it is version ${String(data.version)}; this lab reads version ${LESSON_VERSION}`,
    };
  const parsed = v.safeParse(lessonSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue ? pathOf(issue) : "";
    return { ok: false, error: `${where ? `${where}: ` : ""}${issue?.message ?? "it is not a lesson"}` };
  }
  const lesson = parsed.output as Lesson;
  if (lesson.start.commands && lesson.start.lab)
    return { ok: false, error: "start: give either commands or a lab, not both" };
  return { ok: true, lesson };
}

/** A text in the language asked for, else English. */
export function inLanguage(t: Text, language: Language): string {
  return typeof t === "string" ? t : (t[language] ?? t.en);
}
