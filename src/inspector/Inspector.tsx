/** The inspector: details of whatever is selected on the graph (a node, a cable, a packet hop), read from the engine. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { flatHops } from "../playback/timeline";
import { useGraphModel } from "../store/graph-model";
import { useLab } from "../store/lab-store";
import { useLens } from "../store/lens";
import { usePlayer } from "../store/player";
import { type Details, edgeDetails, hopDetails, nodeDetails, type Section } from "../view/details";
import { byLayer, type Lens } from "../view/lens";
import { placeName } from "../view/packet-tokens";

function SectionView({ s }: { s: Section }) {
  const { t } = useTranslation();
  const empty = !s.text && (!s.rows || s.rows.length === 0);
  return (
    <section className="mb-3">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {s.title}
      </h3>
      {empty && <p className="text-slate-500 italic dark:text-slate-400">{s.empty ?? t("inspector.none")}</p>}
      {s.rows && s.rows.length > 0 && (
        <dl className="space-y-0.5 font-mono text-xs">
          {s.rows.map(([k, v], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (an interface may appear twice in a table).
            <div key={i} className="[overflow-wrap:anywhere]">
              <dt className="inline font-semibold text-slate-700 dark:text-slate-200">{k}</dt>{" "}
              <dd className="inline">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {s.text && (
        <pre className="whitespace-pre-wrap rounded [overflow-wrap:anywhere] bg-slate-100 p-2 font-mono text-xs leading-snug dark:bg-slate-800">
          {s.text}
        </pre>
      )}
    </section>
  );
}

/** The sections of the lens's layer first; the others folded away under "Other layers". */
function LayeredSections({ sections, lens }: { sections: Section[]; lens: Lens }) {
  const { t } = useTranslation();
  const { first, rest } = byLayer(sections, lens);
  return (
    <>
      {first.map((s) => (
        <SectionView key={s.title} s={s} />
      ))}
      {rest.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t("lens.otherLayers")} ({rest.length})
          </summary>
          {rest.map((s) => (
            <SectionView key={s.title} s={s} />
          ))}
        </details>
      )}
    </>
  );
}

export function Inspector() {
  const { t, i18n } = useTranslation();
  const selection = useLab((s) => s.selection);
  const world = useLab((s) => s.lab.world);
  const model = useGraphModel();
  const traces = usePlayer((s) => s.traces);
  const cursor = usePlayer((s) => s.cursor);
  const lens = useLens((s) => s.lens);
  // With nothing selected, the inspector follows the packet the graph is showing.
  const following = !selection && cursor >= 0;
  // The details are worded in the page's language: a new language words them again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: details.ts reads the language from i18n itself.
  const details: Details | undefined = useMemo(() => {
    if (selection?.kind === "node") return nodeDetails(world, model, selection.id);
    if (selection?.kind === "edge") return edgeDetails(world, model, selection.id);
    const index = selection ? Number(selection.id) : cursor;
    const flat = flatHops(traces);
    const hop = flat[index]?.at;
    return hop && hopDetails(hop, placeName(model, hop.netns, hop.ifname), flat[0]?.at.t ?? hop.t);
  }, [selection, cursor, world, model, traces, i18n.language]);
  return (
    <div
      className="p-3 text-sm"
      data-testid="inspector"
      data-hop={selection?.kind === "hop" ? selection.id : following ? cursor : undefined}
    >
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {t("inspector.title")}
        {details ? ` · ${details.kind}` : ""}
      </h2>
      {details ? (
        <>
          {following && (
            <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">{t("inspector.following")}</p>
          )}
          <p className="mb-3 break-all font-mono text-base font-semibold">{details.title}</p>
          <LayeredSections sections={details.sections} lens={lens} />
        </>
      ) : (
        <p>{t("inspector.nothing")}</p>
      )}
    </div>
  );
}
