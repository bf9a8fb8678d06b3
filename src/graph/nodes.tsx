/**
 * The graph's node views. Each is drawn at the size geometry.ts computed, with its ports where
 * geometry.ts put them: a chip on the border naming the interface (eth0@if5, port1). Cables are
 * drawn from a node's one React Flow handle, at its top-left corner, to their ports (edges.tsx), so
 * ports that move need no measuring. Memoised: a node re-renders only when its own data changed,
 * or when the zoom crosses the level of detail: zoomed out, a box shows its title and one line,
 * and no chips.
 */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { TFunction } from "i18next";
import { memo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLessonUi } from "../store/lesson-ui";
import { HEADER, LINE, namespaceRows, type PortPlace } from "../view/geometry";
import type { GraphNode, IfaceView } from "../view/graph-model";
import type { LensView, Line } from "../view/lens";
import { useNear } from "./detail";

export interface NodeData extends Record<string, unknown> {
  node: GraphNode;
  places: Record<string, PortPlace>;
  /** Named by the last command: drawn with a ring. */
  lit: boolean;
  /** The box's lines under the layer lens, when one is chosen. */
  lens?: LensView;
  /** The lens lines as text, to tell a changed box from an unchanged one. */
  lensKey?: string;
}

/** The lens's lines in place of the box's own rows. */
function LensRows({ lens }: { lens: LensView }) {
  return (
    <>
      {lens.rows.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a box's rows are positional.
        <Row key={i} title={l.title ?? l.text}>
          <span className="dnl-lens-line">{l.text}</span>
        </Row>
      ))}
    </>
  );
}

function farLine(lens: LensView | undefined): Line | undefined {
  return lens?.sub ?? lens?.rows[0];
}

/** Chips naming the ports (and a bridge's unnamed ports as dots), placed from the node's corner. */
function Chips({
  node,
  places,
  dots,
}: {
  node: GraphNode;
  places: Record<string, PortPlace>;
  dots: LensView["dots"];
}) {
  return (
    <>
      {node.ports.map((p) => {
        const place = places[p.id];
        if (!place) return null;
        const style = { left: place.x, top: place.y };
        return p.label ? (
          <span key={p.id} className={`dnl-chip dnl-chip-${place.side}`} style={style} data-port={p.id}>
            {p.label}
          </span>
        ) : node.kind === "bridge" && p.id !== "up" ? (
          dots?.[p.id] ? (
            <span key={p.id} className="dnl-dot dnl-dot-count" style={style} title={dots[p.id]?.title}>
              {dots[p.id]?.text}
            </span>
          ) : (
            <span key={p.id} className="dnl-dot" style={style} />
          )
        ) : null;
      })}
    </>
  );
}

function Frame({ data, className, children }: { data: NodeData; className: string; children: ReactNode }) {
  const near = useNear();
  return (
    <>
      <Handle type="source" position={Position.Left} isConnectable={false} className="dnl-anchor" />
      <div
        className={`dnl-node ${className}${near ? "" : " dnl-far"}${data.lit ? " dnl-lit" : ""}`}
        data-kind={data.node.kind}
        data-testid={`node-${data.node.id}`}
      >
        {children}
      </div>
      {near && <Chips node={data.node} places={data.places} dots={data.lens?.dots} />}
    </>
  );
}

/** A box zoomed out: its title and one line. */
function Far({
  data,
  className,
  title,
  line,
}: {
  data: NodeData;
  className: string;
  title: string;
  line: string;
}) {
  return (
    <Frame data={data} className={className}>
      <div className="dnl-far-title">{title}</div>
      <div className="dnl-far-line">{line}</div>
    </Frame>
  );
}

/** The first address of the first interface that has one, lo last. */
function firstAddress(ifaces: IfaceView[]): string {
  const withAddr = ifaces.filter((i) => i.addrs.length > 0);
  return (withAddr.find((i) => i.name !== "lo") ?? withAddr[0])?.addrs[0] ?? "";
}

function Kicker({ children }: { children: ReactNode }) {
  return <div className="dnl-kicker">{children}</div>;
}

function Row({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div className="dnl-row" style={{ height: LINE }} title={title}>
      {children}
    </div>
  );
}

function IfaceRow({ i }: { i: IfaceView }) {
  const { t } = useTranslation();
  const text = `${i.name} ${i.addrs.join(" ")}`;
  return (
    <Row title={text}>
      <span className={`font-semibold ${i.up ? "" : "opacity-60"}`}>{i.name}</span> {i.addrs.join(" ")}
      {!i.up && <span className="dnl-tag">{t("graph.down")}</span>}
    </Row>
  );
}

type Props = NodeProps & { data: NodeData };

const HostGroupView = memo(({ data }: Props) => {
  const { t } = useTranslation();
  const n = data.node;
  if (n.kind !== "host") return null;
  return (
    <div className="dnl-group" data-testid={`node-${n.id}`}>
      <div className="dnl-group-title">
        {n.hostname}{" "}
        <span className="dnl-muted">
          · {t("graph.dockerHost")} · {n.address}
        </span>
      </div>
    </div>
  );
});

const HostNsView = memo(({ data }: Props) => {
  const { t } = useTranslation();
  const near = useNear();
  const n = data.node;
  if (n.kind !== "hostns") return null;
  const eth = n.ifaces.filter((i) => i.name !== "lo");
  if (!near)
    return (
      <Far
        data={data}
        className="dnl-hostns"
        title={t("graph.hostNamespace", { machine: n.machine })}
        line={farLine(data.lens)?.text ?? firstAddress(eth)}
      />
    );
  if (data.lens)
    return (
      <Frame data={data} className="dnl-hostns">
        <Kicker>{t("graph.hostNamespaceKicker")}</Kicker>
        <LensRows lens={data.lens} />
      </Frame>
    );
  return (
    <Frame data={data} className="dnl-hostns">
      <Kicker>{t("graph.hostNamespaceKicker")}</Kicker>
      {eth.map((i) => (
        <IfaceRow key={i.ifindex} i={i} />
      ))}
      {n.masquerade.length > 0 && (
        <Row title={t("graph.masqueradeTitle", { sources: n.masquerade.join(", ") })}>
          <span className="dnl-nat">SNAT</span>{" "}
          {t("graph.masqueradeOut", { sources: n.masquerade.join(", ") })}
        </Row>
      )}
      {n.published.map((p) => (
        <Row
          key={p.text}
          title={
            p.also.length
              ? t("graph.publishedAlso", { container: p.container, also: p.also.join(", ") })
              : t("graph.publishedTitle", { container: p.container })
          }
        >
          <span className="dnl-nat">DNAT</span> {p.text} <span className="dnl-muted">{p.container}</span>
        </Row>
      ))}
      {n.hostMode.length > 0 && (
        <Row title={t("graph.hostModeTitle")}>
          <span className="dnl-tag">--network host</span> {n.hostMode.join(", ")}
        </Row>
      )}
    </Frame>
  );
});

const BridgeView = memo(({ data }: Props) => {
  const { t } = useTranslation();
  const cnm = useLessonUi((s) => s.cnm);
  const n = data.node;
  const near = useNear();
  if (n.kind !== "bridge") return null;
  if (!near)
    return (
      <Far data={data} className="dnl-bridge" title={n.name} line={farLine(data.lens)?.text ?? n.subnet} />
    );
  return (
    <Frame data={data} className="dnl-bridge">
      <Kicker>
        {cnm && n.network ? "CNM network · " : ""}
        {n.network ? t("graph.bridgeOfNetwork", { network: n.network }) : t("graph.bridge")}
        {n.internal ? ` · ${t("graph.internal")}` : ""}
      </Kicker>
      <div className="dnl-title font-mono">{n.name}</div>
      {data.lens ? (
        <LensRows lens={data.lens} />
      ) : (
        <Row>
          {n.subnet} <span className="dnl-muted">{t("graph.gateway")}</span> {n.gateway}
        </Row>
      )}
    </Frame>
  );
});

/** What assistive technology announces for a node. */
export function labelOf(n: GraphNode, t: TFunction): string {
  switch (n.kind) {
    case "host":
      return t("graph.label.host", { name: n.hostname });
    case "hostns":
      return t("graph.label.hostns", { machine: n.machine });
    case "bridge":
      return n.network
        ? t("graph.label.bridgeOfNetwork", { name: n.name, network: n.network })
        : t("graph.label.bridge", { name: n.name });
    case "namespace":
      return `${t(`graph.roles.${n.role}`)} ${n.title}${n.state ? ` (${n.state})` : ""}`;
    default:
      return t(`graph.outside.${n.kind}`);
  }
}

const NamespaceView = memo(({ data }: Props) => {
  const { t } = useTranslation();
  // A running container's namespace is what libnetwork calls its sandbox.
  const cnm = useLessonUi((s) => s.cnm) && data.node.kind === "namespace" && data.node.role === "container";
  const n = data.node;
  const near = useNear();
  if (n.kind !== "namespace") return null;
  if (!near) {
    const line =
      farLine(data.lens)?.text ??
      (n.role === "stopped" ? (n.state ?? "") : firstAddress(n.ifaces) || t(`graph.roles.${n.role}`));
    return <Far data={data} className={`dnl-ns dnl-${n.role}`} title={n.title} line={line ?? ""} />;
  }
  const rows = namespaceRows(n);
  const shownIfaces = n.ifaces.filter((i) => i.name !== "lo" || n.ifaces.length === 1);
  return (
    <Frame data={data} className={`dnl-ns dnl-${n.role}`}>
      <div style={{ height: HEADER - 8 }}>
        <div className="flex items-baseline justify-between gap-2">
          <span className="dnl-title truncate" title={n.title}>
            {n.title}
          </span>
          <span className={`dnl-state dnl-state-${n.role === "stopped" ? "stopped" : "up"}`}>
            {n.role === "netns" ? "ip netns" : (n.state ?? "")}
          </span>
        </div>
        {data.lens?.sub ? (
          <div className="dnl-sub truncate" title={data.lens.sub.title ?? data.lens.sub.text}>
            {data.lens.sub.text}
          </div>
        ) : (
          <div className="dnl-sub truncate">
            {cnm ? "CNM sandbox · " : ""}
            {n.image ? `${n.image}` : t(`graph.roles.${n.role}`)}
            {n.mode && n.mode !== "bridge" && n.mode !== "default"
              ? ` · --network ${n.mode.replace(/^(container:)[0-9a-f]{64}$/, "$1…")}`
              : ""}
          </div>
        )}
      </div>
      {data.lens ? (
        <LensRows lens={data.lens} />
      ) : (
        <>
          {n.role === "stopped"
            ? rows.map((r) => <Row key={r}>{r}</Row>)
            : shownIfaces.map((i) => <IfaceRow key={i.ifindex} i={i} />)}
          {n.members.length > 1 && (
            <Row>{t("graph.sharedWith", { names: n.members.slice(1).join(", ") })}</Row>
          )}
        </>
      )}
    </Frame>
  );
});

const OutsideView = memo(({ data }: Props) => {
  const { t } = useTranslation();
  const n = data.node;
  const near = useNear();
  if (n.kind !== "switch" && n.kind !== "router" && n.kind !== "laptop" && n.kind !== "internet") return null;
  if (!near) {
    const line =
      farLine(data.lens)?.text ??
      (n.kind === "internet" ? n.servers.map((s) => s.name).join(", ") : firstAddress(n.ifaces));
    return (
      <Far
        data={data}
        className={`dnl-outside dnl-${n.kind}`}
        title={t(`graph.outside.${n.kind}`)}
        line={line}
      />
    );
  }
  return (
    <Frame data={data} className={`dnl-outside dnl-${n.kind}`}>
      <Kicker>{t(`graph.outside.${n.kind}`)}</Kicker>
      {data.lens ? (
        <LensRows lens={data.lens} />
      ) : n.kind === "internet" ? (
        n.servers.map((s) => (
          <Row key={s.machine} title={`${s.name} (${s.services})`}>
            <span className="font-semibold">{s.ip}</span> {s.name}{" "}
            <span className="dnl-muted">{s.services}</span>
          </Row>
        ))
      ) : n.kind === "switch" ? null : (
        n.ifaces.filter((i) => i.addrs.length > 0).map((i) => <IfaceRow key={i.ifindex} i={i} />)
      )}
      {!data.lens && n.masquerade.length > 0 && (
        <Row>
          <span className="dnl-nat">SNAT</span>{" "}
          {n.masquerade
            .map((m) =>
              // The model words a router's `-o DEV` rule as "out DEV", a subnet rule as the subnet.
              m.startsWith("out ")
                ? t("graph.masqueradeVia", { dev: m.slice(4) })
                : t("graph.masquerade", { sources: m }),
            )
            .join("; ")}
        </Row>
      )}
    </Frame>
  );
});

export const nodeTypes = {
  host: HostGroupView,
  hostns: HostNsView,
  bridge: BridgeView,
  namespace: NamespaceView,
  switch: OutsideView,
  router: OutsideView,
  laptop: OutsideView,
  internet: OutsideView,
};
