/** The graph's node views: a host namespace, a Linux bridge (a switch), and a network namespace. */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { GraphNode, IfaceView } from "./model";

type Data<K extends GraphNode["kind"]> = Extract<GraphNode, { kind: K }> & Record<string, unknown>;

function Ifaces({ ifaces }: { ifaces: IfaceView[] }) {
  return (
    <ul className="mt-1 space-y-0.5 font-mono text-[11px] leading-tight">
      {ifaces.map((i) => (
        <li key={i.ifindex} className={i.up ? "" : "opacity-50"}>
          <span className="font-semibold">{i.name}</span> {i.addrs.join(" ")}
        </li>
      ))}
    </ul>
  );
}

export const HostNode = memo(({ data }: NodeProps & { data: Data<"host"> }) => (
  <div className="min-w-48 rounded-lg border-2 border-slate-500 bg-white px-3 py-2 shadow-sm dark:border-slate-400 dark:bg-slate-900">
    <div className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">host namespace</div>
    <div className="text-sm font-semibold">{data.hostname}</div>
    <Ifaces ifaces={data.ifaces} />
    <Handle type="source" position={Position.Bottom} className="opacity-0" />
  </div>
));

export const BridgeNode = memo(({ data }: NodeProps & { data: Data<"bridge"> }) => (
  <div className="min-w-44 rounded-md border-2 border-sky-600 bg-sky-50 px-3 py-2 shadow-sm dark:border-sky-400 dark:bg-sky-950">
    <Handle type="target" position={Position.Top} className="opacity-0" />
    <div className="text-xs uppercase tracking-wide text-sky-700 dark:text-sky-300">
      bridge{data.network ? ` · ${data.network}` : ""}
    </div>
    <div className="font-mono text-sm font-semibold">{data.name}</div>
    <div className="font-mono text-[11px]">
      {data.subnet} gw {data.gateway}
    </div>
    <Handle type="source" position={Position.Bottom} className="opacity-0" />
  </div>
));

export const NamespaceNode = memo(({ data }: NodeProps & { data: Data<"namespace"> }) => (
  <div
    className={`min-w-44 rounded-lg border-2 bg-white px-3 py-2 shadow-sm dark:bg-slate-900 ${
      data.state === "running" || !data.state
        ? "border-emerald-600 dark:border-emerald-400"
        : "border-slate-400"
    }`}
  >
    <Handle type="target" position={Position.Top} className="opacity-0" />
    <div className="text-xs uppercase tracking-wide text-emerald-700 dark:text-emerald-300">
      {data.image ? `container · ${data.image}` : "namespace"}
    </div>
    <div className="text-sm font-semibold">{data.title}</div>
    {data.members.length > 1 && <div className="text-[11px]">shared by {data.members.join(", ")}</div>}
    <Ifaces ifaces={data.ifaces.filter((i) => i.name !== "lo" || data.ifaces.length === 1)} />
  </div>
));

export const nodeTypes = { host: HostNode, bridge: BridgeNode, namespace: NamespaceNode };
