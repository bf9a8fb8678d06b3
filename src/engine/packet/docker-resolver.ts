/**
 * dockerd's embedded DNS server (with docker-servers.ts, the only packet code that reads the daemon):
 * it answers, for a container on user-defined networks, the names of the containers sharing a network
 * with it (name, short ID, network aliases, and its own `--link` aliases there), each scoped to that
 * network, and `name.network`; PTR queries for their addresses; and says which external servers it
 * forwards the rest to (the container's `--dns`, else the host's resolv.conf).
 */
import type { Container, Daemon, Endpoint, Network } from "../docker/types";
import type { Netns } from "../linux/types";
import type { Machine, World } from "../world";

export interface ResolverClient {
  world: World;
  machine: Machine;
  daemon: Daemon;
  container: Container;
}

const running = (c: Container) => c.state.status === "running" || c.state.status === "paused";

/** Bridge networks other than the default one carry names (the default bridge has only /etc/hosts). */
function servesNames(n: Network): boolean {
  return n.driver !== "host" && n.driver !== "null" && n.name !== "bridge";
}

/** The container whose sandbox is this namespace, when dockerd runs a resolver for it. */
export function resolverClient(world: World, ns: Netns): ResolverClient | undefined {
  const machine = world.machines[ns.machine];
  const daemon = machine?.docker;
  if (!machine || !daemon) return undefined;
  const container = daemon.containers.find(
    (c) => running(c) && c.netns === ns.id && !c.hostConfig.networkMode.startsWith("container:"),
  );
  if (!container || !sharedNetworks(daemon, container).length) return undefined;
  return { world, machine, daemon, container };
}

function sharedNetworks(daemon: Daemon, c: Container): { network: Network; ep: Endpoint }[] {
  const out: { network: Network; ep: Endpoint }[] = [];
  for (const ep of c.endpoints) {
    const network = daemon.networks.find((n) => n.id === ep.networkId);
    if (network && ep.ip && servesNames(network)) out.push({ network, ep });
  }
  return out;
}

function endpointOn(c: Container, network: Network): Endpoint | undefined {
  return c.endpoints.find((e) => e.networkId === network.id && e.ip);
}

/**
 * The containers that may answer on a network: the asker's daemon's; on an overlay network, every
 * node's (the networkdb gossips the endpoints of all of them).
 */
function containersOn(client: ResolverClient, network: Network): Container[] {
  if (network.driver !== "overlay") return client.daemon.containers;
  return Object.values(client.world.machines).flatMap((m) => m.docker?.containers ?? []);
}

/** Names a container answers to on a network: its name, short ID and aliases there. */
function namesOn(c: Container, ep: Endpoint): string[] {
  return [c.name, c.id.slice(0, 12), ...(ep.aliases ?? [])].map((n) => n.toLowerCase());
}

/** The asker's `--link target:alias` on a network, resolved to the target's address there. */
function linkAddress(daemon: Daemon, asker: Endpoint, network: Network, name: string): string | undefined {
  for (const link of asker.links ?? []) {
    const [target = "", alias = target] = link.split(":");
    if (alias.toLowerCase() !== name && target.toLowerCase() !== name) continue;
    const other = daemon.containers.find((c) => running(c) && (c.name === target || c.id.startsWith(target)));
    const ep = other && endpointOn(other, network);
    if (ep) return ep.ip;
  }
  return undefined;
}

export interface NameAnswer {
  ips: string[];
  /** The IPv6 addresses (AAAA) of the same containers, on networks with IPv6. */
  ips6: string[];
  /** The name exists here (an AAAA query for it then gets an empty answer, not forwarded). */
  known: boolean;
}

/** Looks a name up on the networks the asker is on, as libnetwork's Sandbox.ResolveName does. */
export function lookupName(client: ResolverClient, query: string): NameAnswer {
  const name = query.replace(/\.$/, "").toLowerCase();
  for (const { network, ep } of sharedNetworks(client.daemon, client.container)) {
    const suffix = `.${network.name.toLowerCase()}`;
    const local = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    const linked = linkAddress(client.daemon, ep, network, local);
    if (linked) return { ips: [linked], ips6: [], known: true };
    const named = containersOn(client, network)
      .filter((c) => running(c))
      .flatMap((c) => {
        const other = endpointOn(c, network);
        return other && namesOn(c, other).includes(local) ? [other] : [];
      });
    if (named.length)
      return { ips: named.map((e) => e.ip), ips6: named.flatMap((e) => (e.ip6 ? [e.ip6] : [])), known: true };
    const service = serviceAnswer(client.world, network, local);
    if (service.length) return { ips: service, ips6: [], known: true };
  }
  return { ips: [], ips6: [], known: false };
}

/**
 * Swarm services on the asker's network: `NAME` is the service's virtual IP there (its tasks'
 * addresses in dnsrr mode), `tasks.NAME` the addresses of its running tasks.
 */
function serviceAnswer(world: World, network: Network, name: string): string[] {
  if (network.driver !== "overlay") return [];
  const tasks = name.startsWith("tasks.");
  const wanted = tasks ? name.slice("tasks.".length) : name;
  for (const swarm of Object.values(world.swarms ?? {})) {
    const service = swarm.services.find((s) => s.name.toLowerCase() === wanted);
    if (!service) continue;
    const vip = service.vips.find((v) => v.network === network.id);
    const running = swarm.tasks.filter(
      (t) => t.service === service.id && t.desired === "running" && t.state === "running",
    );
    const addresses = running.flatMap((t) =>
      t.addresses.filter((a) => a.network === network.id).map((a) => a.ip),
    );
    if (!tasks && vip && service.spec.endpointMode === "vip") return [vip.ip];
    if (tasks || service.spec.endpointMode === "dnsrr") return addresses;
  }
  return [];
}

/** "3.0.18.172.in-addr.arpa" -> "busy2.mynet" for an address on a network the asker shares. */
export function lookupPtr(client: ResolverClient, ip: string): string | undefined {
  for (const { network } of sharedNetworks(client.daemon, client.container)) {
    const owner = containersOn(client, network).find((c) => {
      const ep = running(c) ? endpointOn(c, network) : undefined;
      return ep !== undefined && (ep.ip === ip || ep.ip6 === ip);
    });
    if (owner) return `${owner.name}.${network.name}`;
  }
  return undefined;
}

/** Where unknown names go: the container's `--dns` servers, else the host's resolvers. */
export function externalServers(client: ResolverClient): string[] {
  const own = client.container.hostConfig.dns;
  return (own.length ? own : client.machine.nameservers).slice(0, 3);
}
