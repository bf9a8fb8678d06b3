/**
 * The load balancing libnetwork programs for swarm services (libnetwork/service_linux.go), on every
 * node, rebuilt from the swarm's state whenever it changes:
 * - each overlay network with a service's virtual IP on it: in the node's load-balancer sandbox
 *   (`lb_<net>`, or `ingress_sbox` for ingress) the VIP as an alias of eth0, `mangle INPUT -d VIP
 *   -j MARK`, `nat POSTROUTING -m ipvs --ipvs -d SUBNET -j SNAT --to-source <its own address>`,
 *   and an IPVS service for that mark over the addresses of the service's running tasks there;
 * - a port published through the routing mesh: `mangle PREROUTING --dport P -j MARK` in
 *   ingress_sbox; on the host the DOCKER-INGRESS chains (nat: DNAT to ingress_sbox's address on
 *   docker_gwbridge; filter: accept), jumped to from PREROUTING and OUTPUT for local addresses and
 *   from FORWARD, and local sources masqueraded out of docker_gwbridge; in the task's container,
 *   REDIRECT from the published port to the target port on its ingress address.
 * The kernel of the recording machine had no IPVS: none of this could be recorded (see
 * tests/ground-truth/multihost/README.md); it follows the source.
 */
import { type Host, hostOf } from "../docker/host";
import { GWBRIDGE } from "../docker/networks";
import type { Container, Network } from "../docker/types";
import { getNs, linkByName } from "../linux/kernel";
import {
  appendRule,
  ensureChain,
  findChain,
  flushRules,
  hasRule,
  insertRule,
  type RuleSpec,
} from "../linux/netfilter";
import type { Netns } from "../linux/types";
import type { World } from "../world";
import { memberHosts } from "./store";
import type { PublishedServicePort, Service, Swarm } from "./types";

const INGRESS_CHAIN = "DOCKER-INGRESS";

/** The addresses of a service's running tasks on a network, cluster-wide: IPVS's real servers. */
function realServers(swarm: Swarm, service: Service, networkId: string): string[] {
  return swarm.tasks
    .filter((t) => t.service === service.id && t.desired === "running" && t.state === "running")
    .flatMap((t) => t.addresses.filter((a) => a.network === networkId).map((a) => a.ip));
}

function ingressPorts(service: Service): PublishedServicePort[] {
  return service.spec.ports.filter((p) => p.mode === "ingress");
}

/** Resets and reprograms one load-balancer sandbox for the services with a VIP on its network. */
function programSandbox(swarm: Swarm, n: Network, ns: Netns, eth0Ip: string): void {
  const eth0 = linkByName(ns, "eth0");
  if (!eth0) return;
  eth0.addrs = eth0.addrs.filter((a) => a.ip === eth0Ip);
  ns.ipvs = [];
  const nf = ns.netfilter;
  if (nf.mangle) {
    flushRules(nf, "mangle", "PREROUTING");
    flushRules(nf, "mangle", "INPUT");
  }
  const snat: RuleSpec = {
    dst: { value: `${n.ipam.config[0]?.subnet ?? ""}` },
    ipvs: true,
    target: "SNAT",
    toSource: eth0Ip,
  };
  let any = false;
  for (const service of swarm.services) {
    const vip = service.vips.find((v) => v.network === n.id);
    if (!vip || service.spec.endpointMode !== "vip") continue;
    any = true;
    eth0.addrs.push({ ip: vip.ip, prefix: 32, scope: "global" });
    if (n.ingress) {
      for (const p of ingressPorts(service)) {
        appendRule(nf, "mangle", "PREROUTING", {
          proto: p.protocol,
          dport: String(p.published),
          target: "MARK",
          setMark: vip.fwmark,
        });
      }
    }
    appendRule(nf, "mangle", "INPUT", {
      dst: { value: `${vip.ip}/32` },
      target: "MARK",
      setMark: vip.fwmark,
    });
    ns.ipvs.push({ fwmark: vip.fwmark, dests: realServers(swarm, service, n.id), next: 0 });
  }
  if (any && !hasRule(nf, "nat", "POSTROUTING", snat)) appendRule(nf, "nat", "POSTROUTING", snat);
}

/** The host's DOCKER-INGRESS chains for the ports the routing mesh publishes (or none left). */
function programHost(host: Host, swarm: Swarm, sboxIp: string | undefined): void {
  const nf = host.ns.netfilter;
  const ports = swarm.services.flatMap(ingressPorts);
  if (ports.length === 0 && !findChain(nf, "nat", INGRESS_CHAIN)) return;
  ensureChain(nf, "nat", INGRESS_CHAIN);
  ensureChain(nf, "filter", INGRESS_CHAIN);
  const local = { dstTypeLocal: { value: "LOCAL" }, target: INGRESS_CHAIN };
  for (const chain of ["PREROUTING", "OUTPUT"]) {
    if (!hasRule(nf, "nat", chain, local)) insertRule(nf, "nat", chain, local, 1);
  }
  const jump = { target: INGRESS_CHAIN };
  if (!hasRule(nf, "filter", "FORWARD", jump)) insertRule(nf, "filter", "FORWARD", jump, 2);
  const masquerade: RuleSpec = {
    srcTypeLocal: { value: "LOCAL" },
    out: { value: GWBRIDGE },
    target: "MASQUERADE",
  };
  if (!hasRule(nf, "nat", "POSTROUTING", masquerade)) insertRule(nf, "nat", "POSTROUTING", masquerade, 1);
  flushRules(nf, "nat", INGRESS_CHAIN);
  flushRules(nf, "filter", INGRESS_CHAIN);
  // programIngress inserts each port's rules at the top: the newest service's come first.
  for (const p of ports) {
    const port = String(p.published);
    if (sboxIp)
      insertRule(nf, "nat", INGRESS_CHAIN, {
        proto: p.protocol,
        dport: port,
        target: "DNAT",
        toDest: `${sboxIp}:${port}`,
      });
    insertRule(nf, "filter", INGRESS_CHAIN, { proto: p.protocol, dport: port, target: "ACCEPT" });
    insertRule(nf, "filter", INGRESS_CHAIN, {
      proto: p.protocol,
      sport: port,
      ctstate: "RELATED,ESTABLISHED",
      target: "ACCEPT",
    });
  }
  appendRule(nf, "nat", INGRESS_CHAIN, { target: "RETURN" });
  appendRule(nf, "filter", INGRESS_CHAIN, { target: "RETURN" });
}

/** Reprograms every node's load balancing for a swarm. */
export function programLoadBalancing(world: World, swarm: Swarm): void {
  for (const { machine } of memberHosts(world, swarm)) {
    const host = hostOf(world, machine);
    for (const n of host.daemon.networks) {
      if (n.driver !== "overlay" || !n.overlay?.ns) continue;
      for (const ep of n.sandboxEndpoints ?? []) {
        const ns = world.netns[ep.ns];
        if (ns) programSandbox(swarm, n, ns, ep.ip);
      }
    }
    const gw = host.daemon.networks.find((x) => x.name === GWBRIDGE);
    const sbox = gw?.sandboxEndpoints?.find((e) => e.key === "ingress-sbox");
    programHost(host, swarm, sbox && world.netns[sbox.ns] ? sbox.ip : undefined);
  }
}

/**
 * A task's container published through the routing mesh: on its ingress address, REDIRECT from
 * each published port to the target port, accept those, drop the rest (addRedirectRules).
 */
export function redirectIngress(
  world: World,
  c: Container,
  ingressIp: string,
  ports: PublishedServicePort[],
): void {
  if (!c.netns || ports.length === 0) return;
  const nf = getNs(world, c.netns).netfilter;
  const ip = { value: `${ingressIp}/32` };
  for (const p of ports) {
    appendRule(nf, "nat", "PREROUTING", {
      dst: ip,
      proto: p.protocol,
      dport: String(p.published),
      target: "REDIRECT",
      toPorts: String(p.target),
    });
    insertRule(nf, "filter", "INPUT", {
      dst: ip,
      proto: p.protocol,
      dport: String(p.target),
      ctstate: "NEW,ESTABLISHED",
      target: "ACCEPT",
    });
    insertRule(nf, "filter", "OUTPUT", {
      src: ip,
      proto: p.protocol,
      sport: String(p.target),
      ctstate: "ESTABLISHED",
      target: "ACCEPT",
    });
  }
  for (const proto of ["udp", "tcp"] as const) {
    const input: RuleSpec = { dst: ip, proto, target: "DROP" };
    if (!hasRule(nf, "filter", "INPUT", input)) appendRule(nf, "filter", "INPUT", input);
    const output: RuleSpec = { src: ip, proto, target: "DROP" };
    if (!hasRule(nf, "filter", "OUTPUT", output)) appendRule(nf, "filter", "OUTPUT", output);
  }
}
