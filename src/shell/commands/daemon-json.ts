/**
 * /etc/docker/daemon.json as dockerd 26.1 reads it when it starts (and `dockerd --validate`):
 * JSON syntax, then directives no flag knows, then each value's Go type, then the settings' own
 * checks, each refusal in dockerd's words (recorded in tests/ground-truth/41-daemon-ipv6). Of the
 * settings the lab applies the daemon's own IPv6: "ipv6" and "fixed-cidr-v6" on the default bridge.
 */
import type { DaemonStartSettings } from "../../engine/docker/daemon-lifecycle";
import { parseCidr6 } from "../../engine/ip6";
import { readFile } from "../files";
import type { Ctx } from "../types";
import { DOCKERD_FLAGS } from "./dockerd-help";
import { type GoJson, goJsonKind, parseGoJson } from "./go-json";

export const DAEMON_JSON = "/etc/docker/daemon.json";

/** Keys a file writes in the plural where the flag is singular (each flag's NamedOption). */
const NAMED_OPTIONS = [
  "authorization-plugins",
  "cdi-spec-dirs",
  "default-address-pools",
  "default-network-opts",
  "default-ulimits",
  "dns-opts",
  "exec-opts",
  "hosts",
  "insecure-registries",
  "labels",
  "log-opts",
  "node-generic-resources",
  "registry-mirrors",
  "runtimes",
  "storage-opts",
];
/** Keys dockerd takes without a flag (skipValidateOptions). */
const WITHOUT_FLAG = ["features", "builder"];

/** The settings the lab applies, with the Go field each decodes into (for a type error's text). */
const MODELLED: Record<string, { type: "bool" | "string"; field: string }> = {
  ipv6: { type: "bool", field: "Config.CommonConfig.BridgeConfig.DefaultBridgeConfig.ipv6" },
  "fixed-cidr-v6": {
    type: "string",
    field: "Config.CommonConfig.BridgeConfig.DefaultBridgeConfig.fixed-cidr-v6",
  },
  ip6tables: { type: "bool", field: "Config.CommonConfig.BridgeConfig.ip6tables" },
  experimental: { type: "bool", field: "Config.CommonConfig.experimental" },
};

export interface DaemonSettings {
  ipv6: boolean;
  fixedCidrV6?: string;
  ip6tables: boolean;
  experimental: boolean;
  /** Directives dockerd knows that the lab does not apply. */
  unmodelled: string[];
}

/** The file's settings, or dockerd's refusal of it. A missing or blank file is no settings. */
export function readDaemonJson(
  text: string | undefined,
  path = DAEMON_JSON,
): { settings: DaemonSettings } | { error: string } {
  const refused = (why: string) => ({
    error: `unable to configure the Docker daemon with file ${path}: ${why}`,
  });
  const settings: DaemonSettings = { ipv6: false, ip6tables: false, experimental: false, unmodelled: [] };
  if (text === undefined || text.trim() === "") return { settings };
  const parsed = parseGoJson(text);
  if ("error" in parsed) return refused(parsed.error);
  const { value } = parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return refused(
      `json: cannot unmarshal ${goJsonKind(value)} into Go value of type map[string]interface {}`,
    );
  // dockerd lists them from a Go map, in no set order; the lab keeps the file's.
  const unknown = Object.keys(value).filter(
    (k) => !DOCKERD_FLAGS.has(k) && !NAMED_OPTIONS.includes(k) && !WITHOUT_FLAG.includes(k),
  );
  if (unknown.length > 0)
    return refused(`the following directives don't match any configuration option: ${unknown.join(", ")}`);
  for (const [key, v] of Object.entries(value)) {
    const spec = MODELLED[key];
    if (!spec) {
      settings.unmodelled.push(key);
      continue;
    }
    const ok = v === null || (spec.type === "bool" ? typeof v === "boolean" : typeof v === "string");
    if (!ok)
      return refused(
        `json: cannot unmarshal ${goJsonKind(v)} into Go struct field ${spec.field} of type ${spec.type}`,
      );
    apply(settings, key, v);
  }
  if (settings.fixedCidrV6 !== undefined) {
    const problem = cidrProblem(settings.fixedCidrV6);
    if (problem)
      return refused(
        `merged configuration validation from file and command line flags failed: invalid fixed-cidr-v6: ${problem}`,
      );
  }
  return { settings };
}

function apply(settings: DaemonSettings, key: string, v: GoJson): void {
  if (v === null) return;
  if (key === "fixed-cidr-v6") settings.fixedCidrV6 = String(v);
  else if (key === "ipv6") settings.ipv6 = v === true;
  else if (key === "ip6tables") settings.ip6tables = v === true;
  else if (key === "experimental") settings.experimental = v === true;
}

/** Go's net.ParseCIDR, then whether the prefix is IPv6. */
function cidrProblem(text: string): string | undefined {
  const v6 = parseCidr6(text, true);
  if (v6) return undefined;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (v4?.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32)
    return "fixed-cidr-v6 is not an IPv6 subnet";
  return `invalid CIDR address: ${text}`;
}

/**
 * Whether dockerd, its file valid, still fails as it starts: ip6tables is experimental in 26.1, and
 * IPv6 on the default bridge needs its subnet ("IPv6 is enabled for the default bridge, but no
 * subnet is configured. Specify an IPv6 subnet using --fixed-cidr-v6", in its log).
 */
export function failsToStart(s: DaemonSettings): boolean {
  return (s.ip6tables && !s.experimental) || (s.ipv6 && s.fixedCidrV6 === undefined);
}

/** The settings the lab would have to leave out: any but IPv6 on the default bridge. */
export function notApplied(s: DaemonSettings): string[] {
  return [
    ...s.unmodelled,
    ...(s.ip6tables ? ["ip6tables"] : []),
    ...(s.experimental ? ["experimental"] : []),
  ];
}

/**
 * What dockerd starting now on this host would do with its daemon.json: start with the settings the
 * lab applies, fail, or use settings the lab leaves out (their names).
 */
export function startSettings(ctx: Ctx): DaemonStartSettings | "fails" | { unapplied: string[] } {
  const read = readDaemonJson(readFile(ctx.world, { ...ctx.frame, cwd: "/" }, DAEMON_JSON));
  if ("error" in read || failsToStart(read.settings)) return "fails";
  const unapplied = notApplied(read.settings);
  if (unapplied.length > 0) return { unapplied };
  return read.settings.ipv6 && read.settings.fixedCidrV6 !== undefined
    ? { fixedCidrV6: read.settings.fixedCidrV6 }
    : {};
}
