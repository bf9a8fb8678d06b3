/**
 * The embedded DNS server's side inside a namespace: dockerd listens on 127.0.0.11 there on two
 * random ports, and in the sandboxes it builds itself (ingress_sbox, lb_<id>) the nat rules that
 * turn 127.0.0.11:53 into those ports and back are in place too (recorded on two hosts).
 */
import { appendRule, ensureChain } from "../linux/netfilter";
import type { Netns, Socket } from "../linux/types";
import { randInt } from "../rng";
import { DOCKERD_PID, dockerdPid, type Host } from "./host";

const RESOLVER_IP = "127.0.0.11";

/** dockerd's resolver sockets in the namespace, opened on first use. */
export function startResolver(host: Host, ns: Netns): Socket[] {
  const existing = ns.sockets.filter((s) => s.ip === RESOLVER_IP);
  if (existing.length > 0) return existing;
  return (["tcp", "udp"] as const).map((proto) => {
    const socket: Socket = {
      proto,
      ip: RESOLVER_IP,
      port: randInt(host.world.rng, 32768, 60999),
      pid: dockerdPid(host) ?? DOCKERD_PID,
      program: "dockerd",
    };
    ns.sockets.push(socket);
    return socket;
  });
}

/** The resolver and its DOCKER_OUTPUT / DOCKER_POSTROUTING rules (libnetwork's setupIPTable). */
export function startResolverWithRules(host: Host, ns: Netns): void {
  const sockets = startResolver(host, ns);
  const nf = ns.netfilter;
  ensureChain(nf, "nat", "DOCKER_OUTPUT");
  ensureChain(nf, "nat", "DOCKER_POSTROUTING");
  const dst = { value: `${RESOLVER_IP}/32` };
  appendRule(nf, "nat", "OUTPUT", { dst, target: "DOCKER_OUTPUT" });
  appendRule(nf, "nat", "POSTROUTING", { dst, target: "DOCKER_POSTROUTING" });
  for (const s of sockets) {
    appendRule(nf, "nat", "DOCKER_OUTPUT", {
      dst,
      proto: s.proto,
      dport: "53",
      target: "DNAT",
      toDest: `${RESOLVER_IP}:${s.port}`,
    });
  }
  for (const s of sockets) {
    appendRule(nf, "nat", "DOCKER_POSTROUTING", {
      src: dst,
      proto: s.proto,
      sport: String(s.port),
      target: "SNAT",
      toSource: ":53",
    });
  }
}
