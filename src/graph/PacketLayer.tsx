/**
 * Packets on the graph: the token of the current hop travelling along its path (or jumping there
 * when the viewer prefers reduced motion), the flooded copies left at other ports, and the path
 * just travelled as a trail. Tokens keep their size on screen whatever the zoom (zoomed out, the
 * copies are points without labels). The layer follows
 * the player's cursor itself, so a hop redraws the tokens and nothing else of the graph.
 */
import { useStore, ViewportPortal } from "@xyflow/react";
import { type CSSProperties, memo, useLayoutEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Protocol } from "../engine/packet/types";
import { usePlayer } from "../store/player";
import type { Drawing } from "../view/cables";
import { along, nudge, type PaneView, type Point } from "../view/geometry";
import type { GraphModel } from "../view/graph-model";
import { hopsOf, placeName, type TokenView, tokensAt } from "../view/packet-tokens";
import { useNear } from "./detail";

export const PROTOCOL_STYLE: Record<Protocol, { color: string; text: string }> = {
  ARP: { color: "var(--dnl-arp)", text: "#000" },
  ICMP: { color: "var(--dnl-icmp)", text: "#fff" },
  DNS: { color: "var(--dnl-dns)", text: "#000" },
  TCP: { color: "var(--dnl-tcp)", text: "#fff" },
  UDP: { color: "var(--dnl-udp)", text: "#000" },
  VXLAN: { color: "var(--dnl-vxlan)", text: "#000" },
};

function pointAt(path: Point[], fraction: number): Point {
  return along(path, fraction).point;
}

function reducedMotion(): boolean {
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * One token. Memoised: the copies a flood left keep their objects from hop to hop (tokens.ts), so a
 * hop redraws the moving token only. Zoomed out, a copy is its point alone, without its label.
 */
const Token = memo(function Token({
  token,
  durationMs,
  scale,
  view,
  where,
  bare,
  onSelect,
}: {
  token: TokenView;
  durationMs: number;
  scale: number;
  view: PaneView;
  where: string;
  bare: boolean;
  onSelect: (index: number) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLSpanElement>(null);
  const at = useRef<Point>({ x: 0, y: 0 });
  const bodyWidth = useRef(0);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const viewRef = useRef(view);
  viewRef.current = view;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Read once per token: the label's width does not change while it travels.
    bodyWidth.current = body.current?.offsetWidth ?? 0;
    const place = (p: Point) => {
      at.current = p;
      el.style.transform = `translate(${p.x}px, ${p.y}px) scale(${scaleRef.current})`;
      body.current?.style.setProperty(
        "--nudge",
        `${nudge(p, bodyWidth.current, scaleRef.current, viewRef.current)}px`,
      );
    };
    const path = token.path;
    const end = path[path.length - 1] ?? { x: 0, y: 0 };
    if (!token.current || path.length < 2 || reducedMotion()) {
      place(end);
      return;
    }
    let frame = 0;
    const start = performance.now();
    const step = (now: number) => {
      const f = Math.min(1, (now - start) / durationMs);
      place(pointAt(path, f));
      if (f < 1) frame = requestAnimationFrame(step);
    };
    place(path[0] ?? end);
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [token, durationMs]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.style.transform = el.style.transform.replace(/scale\([^)]*\)/, `scale(${scale})`);
    // Panning or zooming moves the pane's edges, not the label's width (read when the token moved,
    // or now if the label has only just appeared on zooming in).
    if (!bodyWidth.current) bodyWidth.current = body.current?.offsetWidth ?? 0;
    body.current?.style.setProperty("--nudge", `${nudge(at.current, bodyWidth.current, scale, view)}px`);
  }, [scale, view]);
  const style = PROTOCOL_STYLE[token.protocol];
  const dropped = token.decision === "dropped";
  const packet = `${token.protocol} ${token.addresses}${token.summary ? ` ${token.summary}` : ""}`;
  const label = `${t("graph.token.at", { packet, where, decision: t(`hop.decisions.${token.decision}`) })}${
    token.folded !== undefined ? `, ${t("graph.token.folded", { count: token.folded })}` : ""
  }${
    token.rewrite ? `, ${token.rewrite}` : ""
  }${dropped && token.rule ? `, ${t("graph.token.rule", { rule: token.rule })}` : ""}`;
  return (
    <button
      type="button"
      ref={ref}
      className={`dnl-token nodrag nopan${token.current ? "" : " dnl-token-ghost"}${dropped ? " dnl-token-drop" : ""}`}
      style={{ "--token": style.color, "--token-text": style.text } as CSSProperties}
      data-testid={token.current ? "packet-token" : "packet-copy"}
      data-hop={token.index}
      data-netns={token.netns}
      data-ifname={token.ifname}
      data-protocol={token.protocol}
      data-decision={token.decision}
      aria-label={label}
      title={label}
      onClick={() => onSelect(token.index)}
    >
      {dropped ? (
        <span className="dnl-drop-mark" aria-hidden>
          ✕
        </span>
      ) : (
        <span className="dnl-token-point" aria-hidden />
      )}
      {!bare && (
        <span className="dnl-token-body" ref={body}>
          <span>
            <span className="dnl-token-proto">{token.protocol}</span>{" "}
            <span className="dnl-token-addr">{token.addresses}</span>{" "}
          </span>
          {token.summary && token.current && <span className="dnl-token-nat">{token.summary}</span>}
          {token.folded !== undefined && (
            <span className="dnl-token-fold">⋯ {t("graph.token.folded", { count: token.folded })}</span>
          )}
          {token.rewrite && <span className="dnl-token-nat">⇄ {token.rewrite}</span>}
          {dropped && (
            <span className="dnl-token-rule">
              ✕ {token.rule ? t("graph.token.droppedBy", { rule: token.rule }) : t("graph.token.dropped")}
            </span>
          )}
        </span>
      )}
    </button>
  );
});

function Trail({ token }: { token: TokenView }) {
  if (token.path.length < 2) return null;
  const d = token.path.map((p, i) => `${i ? "L" : "M"}${p.x},${p.y}`).join(" ");
  const style = PROTOCOL_STYLE[token.protocol];
  return (
    <svg
      className="dnl-trail"
      width="1"
      height="1"
      aria-hidden
      style={{ "--token": style.color } as CSSProperties}
    >
      <path d={d} />
    </svg>
  );
}

export function PacketLayer({
  model,
  drawing,
  onSelect,
}: {
  model: GraphModel;
  drawing: Drawing;
  onSelect: (index: number) => void;
}) {
  const traces = usePlayer((s) => s.traces);
  const cursor = usePlayer((s) => s.cursor);
  const shown = usePlayer((s) => s.shown);
  const animating = usePlayer((s) => s.animating);
  const tokens = useMemo(
    () => tokensAt(model, drawing, traces, cursor, shown.cursor === cursor ? shown : {}),
    [model, drawing, traces, cursor, shown],
  );
  const durationMs = shown.cursor === cursor ? shown.ms : 0;
  // The packets have all been shown: the last token stays, faded, so it does not hide the box it reached.
  const resting = !animating && cursor === hopsOf(traces).flat.length - 1;
  const zoom = useStore((s) => s.transform[2]);
  const panX = useStore((s) => s.transform[0]);
  const paneWidth = useStore((s) => s.width);
  const view = useMemo(() => ({ x: panX, zoom, width: paneWidth }), [panX, zoom, paneWidth]);
  // Tokens stay readable when zoomed out (and do not balloon when zoomed in).
  const scale = Math.min(1.8, Math.max(1, 1 / zoom));
  const near = useNear();
  const current = tokens.find((t) => t.current);
  return (
    <ViewportPortal>
      <div className={resting ? "dnl-resting" : undefined}>
        {current && <Trail token={current} />}
        {tokens.map((t) => (
          <Token
            key={`${t.index}:${t.current}`}
            token={t}
            durationMs={durationMs}
            scale={scale}
            view={view}
            where={placeName(model, t.netns, t.ifname)}
            bare={!near && !t.current}
            onSelect={onSelect}
          />
        ))}
      </div>
    </ViewportPortal>
  );
}
