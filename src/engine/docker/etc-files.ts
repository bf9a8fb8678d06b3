/**
 * The files Docker writes into every container (/etc/hosts with --add-host, link and own entries,
 * /etc/resolv.conf: the embedded DNS server on user networks, the host's resolvers otherwise,
 * /etc/hostname), and the environment its processes get (PATH, HOSTNAME, link variables, -e).
 */
import type { Host } from "./host";
import { containerById, findContainer, findNetwork, isRunning } from "./lookup";
import { containerResolvConf } from "./resolv-conf";
import type { Container } from "./types";

const HOSTS_HEADER = [
  "127.0.0.1\tlocalhost",
  "::1\tlocalhost ip6-localhost ip6-loopback",
  "fe00::0\tip6-localnet",
  "ff00::0\tip6-mcastprefix",
  "ff02::1\tip6-allnodes",
  "ff02::2\tip6-allrouters",
];

const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function partnerOf(host: Host, c: Container): Container | undefined {
  const mode = c.hostConfig.networkMode;
  return mode.startsWith("container:")
    ? findContainer(host.daemon, mode.slice("container:".length))
    : undefined;
}

/** The host's own /etc/hosts, which `--network host` containers see. */
export function hostMachineHosts(host: Host): string {
  const own = host.machine.fs.files["/etc/hosts"];
  if (own !== undefined) return own;
  const lines = [
    "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4",
    "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6",
  ];
  for (const [name, ip] of Object.entries(host.machine.hosts)) lines.push(`${ip}\t${name}`);
  return `${lines.join("\n")}\n`;
}

export function hostsFile(host: Host, c: Container): string {
  // On the host's network Docker copies the host's file, unless --add-host asks for its own.
  if (c.hostConfig.networkMode === "host" && c.hostConfig.extraHosts.length === 0)
    return hostMachineHosts(host);
  const partner = partnerOf(host, c);
  if (partner) return hostsFile(host, partner);
  return `${[...HOSTS_HEADER, ...c.hostsEntries].join("\n")}\n`;
}

/**
 * The lines Docker adds to /etc/hosts when it builds the sandbox: `--add-host` entries, then one per
 * legacy link on the default bridge: "IP alias hostname [name]" (the name only when it differs).
 */
export function startHostsEntries(host: Host, c: Container): string[] {
  // host-gateway is the default bridge's address (the daemon's --host-gateway-ip when not set).
  const gateway = findNetwork(host.daemon, "bridge")?.ipam.config[0]?.gateway ?? "";
  const lines = c.hostConfig.extraHosts.map((extra) => {
    const at = extra.indexOf(":");
    const ip = extra.slice(at + 1);
    return `${ip === "host-gateway" ? gateway : ip}\t${extra.slice(0, at)}`;
  });
  for (const link of linkedContainers(host, c)) {
    const names = [link.alias, link.target.config.hostname];
    if (link.alias !== link.target.name) names.push(link.target.name);
    lines.push(`${link.ip}\t${names.join(" ")}`);
  }
  return lines;
}

/** Legacy links that apply: only on the default bridge, to targets that have an address there. */
function linkedContainers(host: Host, c: Container): { alias: string; target: Container; ip: string }[] {
  const onBridge = c.endpoints.some((e) => e.network === "bridge" && e.endpointId);
  if (!onBridge) return [];
  // The daemon keeps a container's links in a map by alias: one target per alias.
  const aliases = new Set<string>();
  return c.hostConfig.links.flatMap((l) => {
    const target = containerById(host.daemon, l.container);
    const ip = target?.endpoints.find((e) => e.network === "bridge")?.ip;
    if (!target || !ip || aliases.has(l.alias)) return [];
    aliases.add(l.alias);
    return [{ alias: l.alias, target, ip }];
  });
}

/**
 * A linked container that starts (again) may have a new address: libnetwork's updateParentHosts
 * rewrites the address of every line of a running parent's /etc/hosts that starts with its alias
 * (etchosts.Update).
 */
export function updateParentHosts(host: Host, c: Container): void {
  const ip = c.endpoints.find((e) => e.network === "bridge")?.ip;
  if (!ip) return;
  for (const parent of host.daemon.containers) {
    if (!isRunning(parent) || parent === c) continue;
    for (const link of parent.hostConfig.links.filter((l) => l.container === c.id)) {
      const alias = new RegExp(`^\\S*(\\t${link.alias.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(\\s|\\.)`);
      parent.hostsEntries = parent.hostsEntries.map((line) =>
        `${line}\n`.replace(alias, `${ip}$1$2`).slice(0, -1),
      );
    }
  }
}

/** The variables a link gives (daemon/links): ALIAS_PORT…, ALIAS_NAME, ALIAS_ENV_… */
function linkEnv(alias: string, parent: Container, target: Container, ip: string): string[] {
  const name = alias.toUpperCase().replace(/-/g, "_");
  const ports = [...target.config.exposedPorts].sort((a, b) => {
    const d = Number.parseInt(a, 10) - Number.parseInt(b, 10);
    return d !== 0 ? d : a.endsWith("/tcp") ? -1 : b.endsWith("/tcp") ? 1 : 0;
  });
  const env: string[] = [];
  const split = (p: string) => p.split("/") as [string, string];
  if (ports[0]) {
    const [port, proto] = split(ports[0]);
    env.push(`${name}_PORT=${proto}://${ip}:${port}`);
  }
  for (let i = 0; i < ports.length; ) {
    let j = i;
    while (
      j + 1 < ports.length &&
      Number.parseInt(ports[j + 1] ?? "", 10) === Number.parseInt(ports[j] ?? "", 10) + 1
    )
      j++;
    if (j > i) {
      const [port, proto] = split(ports[i] ?? "");
      const [endPort, endProto] = split(ports[j] ?? "");
      const key = `${name}_PORT_${port}_${proto.toUpperCase()}`;
      env.push(
        `${key}_START=${proto}://${ip}:${port}`,
        `${key}_ADDR=${ip}`,
        `${key}_PROTO=${proto}`,
        `${key}_PORT_START=${port}`,
        `${name}_PORT_${port}_${endProto.toUpperCase()}_END=${endProto}://${ip}:${endPort}`,
        `${name}_PORT_${port}_${endProto.toUpperCase()}_PORT_END=${endPort}`,
      );
    }
    i = j + 1;
  }
  for (const p of ports) {
    const [port, proto] = split(p);
    const key = `${name}_PORT_${port}_${proto.toUpperCase()}`;
    env.push(
      `${key}=${proto}://${ip}:${port}`,
      `${key}_ADDR=${ip}`,
      `${key}_PORT=${port}`,
      `${key}_PROTO=${proto}`,
    );
  }
  env.push(`${name}_NAME=/${parent.name}/${alias}`);
  for (const v of target.config.env) {
    const eq = v.indexOf("=");
    const key = v.slice(0, eq);
    if (eq > 0 && key !== "HOME" && key !== "PATH") env.push(`${name}_ENV_${key}=${v.slice(eq + 1)}`);
  }
  return env;
}

/** Replaces a variable already in the list or appends it, as Docker merges environments. */
function replaceOrAppend(env: string[], add: string[]): string[] {
  const out = [...env];
  for (const v of add) {
    const key = v.includes("=") ? v.slice(0, v.indexOf("=")) : v;
    const at = out.findIndex((e) => e.slice(0, e.indexOf("=")) === key);
    if (!v.includes("=")) continue;
    if (at >= 0) out[at] = v;
    else out.push(v);
  }
  return out;
}

/**
 * The environment of a process started in the container (its main process, or `docker exec` with
 * `extra` from -e): PATH, HOSTNAME, TERM with a tty, link variables, the container's Env, then HOME
 * when nothing set it, as runc adds it.
 */
export function processEnv(host: Host, c: Container, tty: boolean, extra: string[] = []): string[] {
  const base = [DEFAULT_PATH, `HOSTNAME=${c.config.hostname}`, ...(tty ? ["TERM=xterm"] : [])];
  const links = linkedContainers(host, c).flatMap((l) =>
    isRunning(l.target) ? linkEnv(l.alias, c, l.target, l.ip) : [],
  );
  const env = replaceOrAppend(replaceOrAppend([...base, ...links], c.config.env), extra);
  return env.some((e) => e.startsWith("HOME=")) ? env : [...env, "HOME=/root"];
}

/**
 * Engine 20.10's resolv.conf (libnetwork's resolvconf.Build): no comments; `search`, the servers,
 * `options`; the embedded server with ndots:0 (unless given) on a user network; the host's file
 * itself in host mode when nothing was given.
 */
function resolvConf20(host: Host, c: Container): string {
  const h = c.hostConfig;
  const search = (h.dnsSearch ?? []).filter((d) => d !== ".");
  const options = h.dnsOptions ?? [];
  const host1 = h.networkMode === "host";
  if (host1 && h.dns.length + (h.dnsSearch ?? []).length + options.length === 0) return hostResolvConf(host);
  const servers = c.internalDns
    ? ["127.0.0.11"]
    : h.dns.length
      ? h.dns
      : host1
        ? host.machine.nameservers
        : usableServers(host);
  const opts =
    c.internalDns && !options.some((o) => o.startsWith("ndots:")) ? [...options, "ndots:0"] : options;
  return [
    ...(search.length ? [`search ${search.join(" ")}`] : []),
    ...servers.map((s) => `nameserver ${s}`),
    ...(opts.length ? [`options ${opts.join(" ")}`] : []),
  ]
    .map((l) => `${l}\n`)
    .join("");
}

/** The host's resolvers a container can use: not its loopback ones. */
function usableServers(host: Host): string[] {
  return host.machine.nameservers.filter((s) => !s.startsWith("127."));
}

/** The host's own /etc/resolv.conf. */
export function hostResolvConf(host: Host): string {
  const own = host.machine.fs.files["/etc/resolv.conf"];
  if (own !== undefined) return own;
  return `${host.machine.nameservers.map((s) => `nameserver ${s}`).join("\n")}\n`;
}

export function resolvConf(host: Host, c: Container): string {
  const partner = partnerOf(host, c);
  if (partner) return resolvConf(host, partner);
  if (host.daemon.era === 20) return resolvConf20(host, c);
  const h = c.hostConfig;
  const mode = c.internalDns ? "internal" : h.networkMode === "host" ? "host" : "legacy";
  const settings = { dns: h.dns, search: h.dnsSearch ?? [], options: h.dnsOptions ?? [] };
  return containerResolvConf(hostResolvConf(host), settings, mode);
}
