/**
 * A hop's note in the page's language: the engine records what happened as data (HopNote), and
 * this is the one place that words it. Addresses, interface names, rules and the packet's summary
 * stay as the tools write them.
 */
import { summarize } from "../engine/packet/headers";
import type { Hop, HopNote } from "../engine/packet/types";
import { t } from "../i18n";

/** What happened at the hop, in words ("no route to 10.0.0.9", "DROP by FORWARD: -A FORWARD …"). */
export function hopNoteText(note: HopNote): string {
  switch (note.kind) {
    case "packet":
      return t("hopNote.packet");
    case "bridge-port":
      return t("hopNote.bridgePort", { bridge: note.bridge });
    case "flooded":
      return t("hopNote.flooded", { ports: note.ports.join(", ") });
    case "unknown-mac":
      return t("hopNote.unknownMac", { mac: note.mac });
    case "fdb":
      return t("hopNote.fdb", { mac: note.mac, port: note.port });
    case "to-host":
      return t("hopNote.toHost", { machine: note.machine });
    case "sub-interface":
      return t("hopNote.subInterface", { link: note.link, ifname: note.ifname });
    case "arp-reachable":
      return t("hopNote.arpReachable", { ip: note.ip });
    case "arp-answer":
      return t("hopNote.arpAnswer", { ip: note.ip, mac: note.mac });
    case "arp-proxy":
      return t("hopNote.arpProxy", { ifname: note.ifname, ip: note.ip, mac: note.mac });
    case "delivered":
      return t("hopNote.delivered", { dst: note.dst });
    case "nat":
      if (note.conntrack)
        return t("hopNote.natConntrack", {
          nat: note.nat,
          from: note.from,
          to: note.to,
          state: note.conntrack,
        });
      return note.nat === "MASQUERADE"
        ? t("hopNote.masquerade", { from: note.from, to: note.to })
        : t("hopNote.nat", { nat: note.nat, from: note.from, to: note.to });
    case "vxlan-encap":
      return t("hopNote.vxlanEncap", {
        vni: note.vni,
        bytes: note.bytes,
        mac: note.mac,
        remote: note.remote,
        overhead: note.overhead,
      });
    case "vxlan-decap":
      return t("hopNote.vxlanDecap", { vni: note.vni, ifname: note.ifname, netns: note.netns });
    case "ipvs":
      return note.servers === undefined
        ? t("hopNote.ipvsKnown", { fwmark: note.fwmark, from: note.from, to: note.to })
        : t("hopNote.ipvsNew", { fwmark: note.fwmark, servers: note.servers, from: note.from, to: note.to });
    case "ignored":
      return note.because === "mac"
        ? t("hopNote.ignoredMac", { mac: note.mac })
        : note.because === "arp-not-ours"
          ? t("hopNote.ignoredArp")
          : t("hopNote.ignoredReply");
    case "rule":
      return t("hopNote.rule", { target: note.target, chain: note.chain, rule: note.rule });
    case "policy":
      return t("hopNote.policy", { chain: note.chain, rule: note.rule });
    case "net-unreachable":
      return t("hopNote.netUnreachable", { dst: note.dst });
    case "no-route":
      return t("hopNote.noRoute", { dst: note.dst });
    case "no-arp":
      return t("hopNote.noArp", { nextHop: note.nextHop });
    case "too-big":
      return t("hopNote.tooBig", { length: note.length, ifname: note.ifname, mtu: note.mtu });
    case "link-down":
      return t("hopNote.linkDown", { ifname: note.ifname });
    case "unplugged":
      return t("hopNote.unplugged", { ifname: note.ifname });
    case "not-local":
      return t("hopNote.notLocal", { dst: note.dst });
    case "ttl-exceeded":
      return t("hopNote.ttlExceeded");
    case "ttl-silent":
      return t("hopNote.ttlSilent");
    case "rate-limit":
      return t("hopNote.rateLimit", { error: note.error, to: note.to });
    case "l3miss":
      return t("hopNote.l3miss", { ifname: note.ifname, ip: note.ip });
    case "l2miss":
      return t("hopNote.l2miss", { ifname: note.ifname, mac: note.mac });
    case "ipvs-empty":
      return t("hopNote.ipvsEmpty", { fwmark: note.fwmark });
  }
}

/** Notes told after the packet's summary: they say what became of that frame or packet. */
const ABOUT_THE_PACKET = new Set<HopNote["kind"]>([
  "bridge-port",
  "flooded",
  "unknown-mac",
  "fdb",
  "to-host",
  "sub-interface",
  "arp-reachable",
  "arp-answer",
  "arp-proxy",
  "delivered",
  "l3miss",
  "l2miss",
]);

function aboutThePacket(note: HopNote): boolean {
  return note.kind === "ignored" ? note.because !== "mac" : ABOUT_THE_PACKET.has(note.kind);
}

/**
 * The hop in one line, for the inspector's title and the event list: the packet's summary, what
 * became of it, or both ("ARP who-has 172.17.0.3 tell 172.17.0.2: 172.17.0.3 is-at …").
 */
export function hopLine(hop: Pick<Hop, "note" | "packet">): string {
  if (hop.note.kind === "packet") return summarize(hop.packet);
  const words = hopNoteText(hop.note);
  return aboutThePacket(hop.note)
    ? t("hopNote.about", { packet: summarize(hop.packet), note: words })
    : words;
}
