/**
 * A packet's journey told in sentences, one per hop, in the page's language: "busy1 eth0 asks: who
 * has 172.17.0.3? (ARP, broadcast)", "docker0 forwards it to veth1c2d3e4: its table says
 * 02:42:ac:11:00:03 is there". Shown beside the graph and read out by screen readers, so a student
 * who does not watch the animation follows the same story. The addresses, rules and names stay as
 * the tools write them; only the words around them are translated.
 */
import type { Hop } from "../engine/packet/types";
import { t } from "../i18n";
import { hopNoteText } from "./hop-note";
import { addressesOf, protocolOf, rewriteOf, summaryOf } from "./packet-tokens";

/** "ICMP echo request 172.17.0.2 → 172.17.0.3", "DNS A? web 172.18.0.2:41234 → 127.0.0.11:53". */
function packetWords(hop: Hop): string {
  const p = hop.packet;
  return [protocolOf(p), summaryOf(p), addressesOf(p)].filter(Boolean).join(" ");
}

/** The sentence for one hop; `where` names the place ("busy1 eth0", "docker0 port veth1c2d3e4"). */
export function narrate(hop: Hop, where: string): string {
  const p = hop.packet;
  const packet = packetWords(hop);
  switch (hop.decision) {
    case "sent":
      if (p.arp?.op === "request")
        return t(p.arp.nd ? "narration.ndAsk" : "narration.arpAsk", { where, ip: p.arp.targetIp });
      if (p.arp) return t("narration.arpTell", { where, ip: p.arp.senderIp, mac: p.arp.senderMac });
      return t("narration.sent", { where, packet });
    case "answered":
      if (p.arp) return t("narration.arpTell", { where, ip: p.arp.senderIp, mac: p.arp.senderMac });
      return t("narration.answered", { where, packet });
    case "flooded":
      return t("narration.flooded", { where });
    case "forwarded": {
      const note = hop.note;
      return note.kind === "fdb"
        ? t("narration.switched", { where, mac: note.mac, port: note.port })
        : t("narration.routed", { where, packet });
    }
    case "crossed":
      return hop.dir === "in"
        ? t("narration.arrives", { where, packet })
        : t("narration.leaves", { where, packet });
    case "delivered":
      return t("narration.delivered", { where, packet });
    case "rewritten":
      return t("narration.rewritten", { where, change: rewriteOf(hop) ?? hopNoteText(hop.note) });
    case "dropped":
      if (hop.note.kind === "ignored") return t("narration.ignored", { where });
      return hop.rule
        ? t("narration.droppedBy", { where, rule: hop.rule })
        : t("narration.dropped", { where, why: hopNoteText(hop.note) });
  }
}
