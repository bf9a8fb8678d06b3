/**
 * docker/cli's formatter for list commands (ps, network ls, images): `table` and `table TEMPLATE`
 * (header row from the column names, then a tabwriter), `json`, or a bare Go template per row;
 * `\t` and `\n` typed in the format become real ones, as the CLI replaces them.
 */
import type { DockerEra } from "../../../engine/docker/era";
import { Template, type TemplateOptions } from "../../format/go/template";
import { TemplateError } from "../../format/go/template-parse";
import {
  type GoField,
  type GoMethod,
  type GoValue,
  goBool,
  goNil,
  goStr,
  goStruct,
} from "../../format/go/value";
import { tabwrite } from "../../format/tabwriter";
import type { Output } from "../../output";
import { CliError } from "./cli";

export const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** --format of commands that print single objects (inspect, version, info): no table. */
export const OBJECT_FORMAT_HELP = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** The `.Label "name"` method list contexts have: the label's value, or "" when absent. */
export function labelMethods(labels: Record<string, string>): Record<string, GoMethod> {
  return {
    Label: { params: ["string"], call: ([name]) => goStr(labels[name?.k === "string" ? name.v : ""] ?? "") },
  };
}

/** The unexported fields of docker/cli's formatter contexts, which a template may not read. */
const UNEXPORTED: Record<string, string[]> = {
  "*formatter.ContainerContext": ["trunc", "c"],
  "*formatter.imageContext": ["trunc", "i", "repo", "tag", "digest"],
  "*network.networkContext": ["trunc", "n"],
  "*node.nodeContext": ["n", "info"],
  "*service.serviceContext": ["service"],
  "*task.taskContext": ["trunc", "task", "name", "node"],
};

/** A row of a list: its fields (the context's methods without arguments) and methods that take some. */
export function context(
  type: string,
  fields: Record<string, string>,
  methods?: Record<string, GoMethod>,
  printed?: GoValue,
): GoValue {
  const unexported = UNEXPORTED[type];
  const values: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(fields)) values[k] = goStr(v);
  return {
    k: "object",
    type,
    fields: values,
    ...(methods ? { methods } : {}),
    // The embedded HeaderContext: a row's Header is a nil interface, which prints as no value.
    exported: { Header: { k: "invalid" }, FullHeader: { k: "invalid" } },
    ...(unexported ? { unexported } : {}),
    ...(printed ? { printed } : {}),
  };
}

/**
 * What {{.}} prints of a list's row: the context struct, whose embedded HeaderContext holds a nil
 * header, then `trunc` and the API object (and, per type, what follows it).
 */
export function contextStruct(
  type: string,
  trunc: boolean,
  [name, object]: [string, GoValue],
  rest: GoField[] = [],
): GoValue {
  return {
    k: "struct",
    type,
    fields: [
      { name: "HeaderContext", embedded: true, v: goStruct("formatter.HeaderContext", [["header", goNil]]) },
      { name: "trunc", v: goBool(trunc) },
      { name, v: object },
      ...rest,
    ],
  };
}

/** What each era's client could do with a template: 20.10's Go 1.19 ranged over no integer. */
export function goTemplates(era: DockerEra, options: TemplateOptions = {}): TemplateOptions {
  return era === 20 ? { ...options, rangeOverInt: false } : options;
}

/** Runs a template step; text/template's failure becomes the client's "template parsing error". */
export function templateStep<T>(step: () => T, status = 1, wording = "template parsing error"): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError(`${wording}: ${error.message}`, status);
    throw error;
  }
}

/**
 * A table's header row is the template run on SubHeaderContext, a map of field to title whose
 * Label method makes a title of a label's name (its last dotted part, `-` and `_` as spaces).
 */
function headerContext(headers: Record<string, string>): GoValue {
  const title = (name: GoValue | undefined) =>
    (name?.k === "string" ? name.v : "").split(".").pop()?.replace(/[-_]/g, " ") ?? "";
  return {
    k: "map",
    type: "formatter.SubHeaderContext",
    entries: Object.entries(headers).map(([k, v]) => [k, goStr(v)]),
    methods: { Label: { params: ["string"], call: ([name]) => goStr(title(name)) } },
  };
}

/**
 * A single object (version, info) printed with --format: `json` or a Go template (docker version
 * names its template "version", which its errors carry). A template that does not parse ends with
 * status 64; one that fails while running leaves what it wrote, a newline, then its error as it is.
 */
export function formatObject(out: Output, format: string, dot: GoValue, era: DockerEra, name = ""): void {
  const src = format === "json" && era === 26 ? "{{json .}}" : format;
  const tmpl = templateStep(() => new Template(src, goTemplates(era, { name })), 64);
  try {
    out.line(tmpl.execute(dot));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    out.line(error.partial);
    throw new CliError(error.message);
  }
}

function parse(src: string, era: DockerEra, header = false): Template {
  return templateStep(() => new Template(src, goTemplates(era, header ? { header: true } : {})));
}

/**
 * Renders rows with a --format value (already resolved from "table" to the command's default).
 * `headers` maps each field to its column title, for the table's first line.
 */
export function formatRows(
  format: string,
  type: string,
  rows: (GoValue | Record<string, string>)[],
  headers: Record<string, string>,
  era: DockerEra,
): string {
  const table = format.startsWith("table");
  // `--format json` came with client 23; to 20.10 it was a template of plain text.
  let src = table ? format.slice("table".length) : format === "json" && era === 26 ? "{{json .}}" : format;
  src = src
    .replace(/^ +| +$/g, "")
    .replace(/\\t/g, "\t")
    .replace(/\\n/g, "\n");
  const tmpl = parse(src, era);
  let body = "";
  for (const row of rows) {
    const dot =
      "k" in row && typeof row.k === "string"
        ? (row as GoValue)
        : context(type, row as Record<string, string>);
    body += `${templateStep(() => tmpl.execute(dot))}\n`;
  }
  if (!table) return body;
  // The client ignores a header that fails to render and keeps what it wrote before the failure.
  let header: string;
  try {
    header = parse(src, era, true).execute(headerContext(headers));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    header = error.partial;
  }
  return tabwrite(`${header}\n${body}`);
}

/** fvbommel/sortorder's NaturalLess: digit runs compare as numbers ("net2" before "net10"). */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+/, "");
      const ny = y.replace(/^0+/, "");
      if (nx.length !== ny.length) return nx.length < ny.length;
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return pa.length < pb.length;
}

/** filters.Args.Match: an exact value or a regular expression that matches (RE2 read as JavaScript). */
export function filterMatch(values: string[], source: string): boolean {
  if (values.length === 0) return true;
  return values.some((v) => {
    if (v === source) return true;
    try {
      return new RegExp(v).test(source);
    } catch {
      return false;
    }
  });
}

/** filters.Args.MatchKVList: every "key" or "key=value" given must be among the labels. */
export function labelMatch(values: string[], labels: Record<string, string>): boolean {
  return values.every((v) => {
    const eq = v.indexOf("=");
    if (eq < 0) return v in labels;
    return labels[v.slice(0, eq)] === v.slice(eq + 1);
  });
}

/** Splits --filter values into key -> values, refusing keys the daemon does not accept. */
export function parseFilters(values: string[], accepted: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of values) {
    const eq = f.indexOf("=");
    const key = f.slice(0, eq).trim().toLowerCase();
    if (!accepted.includes(key)) throw new CliError(`Error response from daemon: invalid filter '${key}'`);
    out[key] = [...(out[key] ?? []), f.slice(eq + 1)];
  }
  return out;
}
