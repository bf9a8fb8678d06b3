/**
 * The overlays' VXLAN tunnels, drawn under the packets: a lane above the hosts per overlay with a
 * drop to each host's root namespace (where eth0, the tunnel's end, is). The lane a wrapped packet
 * is travelling lights up.
 */
import { useStore, ViewportPortal } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../store/player";
import type { Drawing } from "../view/cables";
import { hopsOf } from "../view/packet-tokens";
import { laneLines } from "../view/tunnels";

export function TunnelLayer({ drawing }: { drawing: Drawing }) {
  const { t } = useTranslation();
  const traces = usePlayer((s) => s.traces);
  const cursor = usePlayer((s) => s.cursor);
  const busy = hopsOf(traces).flat[cursor]?.at.packet.vxlan?.vni;
  // Labels keep their size on screen when zoomed out (view/tunnels.ts keeps the lanes apart for them):
  // which overlay joins which hosts is what a zoomed-out view of several hosts is for.
  const zoom = useStore((s) => s.transform[2]);
  const scale = Math.min(5, Math.max(1, 1 / zoom));
  if (drawing.tunnels.length === 0) return null;
  return (
    <ViewportPortal>
      {drawing.tunnels.map((lane) => {
        const { tunnel } = lane;
        const d = laneLines(lane)
          .map((line) => line.map((p, i) => `${i ? "L" : "M"}${p.x},${p.y}`).join(" "))
          .join(" ");
        const hosts = tunnel.members.map((m) => `${m.machine} eth0 ${m.address}`).join(", ");
        return (
          <div
            key={tunnel.id}
            className={`dnl-tunnel${busy === tunnel.vni ? " dnl-tunnel-busy" : ""}`}
            data-testid={`tunnel-${tunnel.network}`}
            data-vni={tunnel.vni}
            title={t("graph.tunnelTitle", { network: tunnel.network, subnet: tunnel.subnet, hosts })}
          >
            <svg className="dnl-tunnel-lines" width="1" height="1" aria-hidden>
              <path className="dnl-tunnel-tube" d={d} />
              <path className="dnl-tunnel-core" d={d} />
            </svg>
            <span
              className="dnl-tunnel-label"
              style={{
                transform: `translate(${lane.label.x}px, ${lane.label.y}px) scale(${scale}) translateY(-50%)`,
              }}
            >
              {t("graph.tunnel", { network: tunnel.network, vni: tunnel.vni })}
            </span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
