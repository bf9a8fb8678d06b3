/**
 * Who can reach whom: the reachability matrix beside the graph. Rows send, columns answer; each cell
 * is a ping and a TCP connection to each listening port, walked on a copy of the world after every
 * command, a few cells between frames so that typing never waits. A cell is a grid cell: arrow keys
 * move, Enter or a click shows its packet on the graph, and the details below say why it is blocked.
 */
import type { TFunction } from "i18next";
import { type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { World } from "../engine/world";
import { useLab } from "../store/lab-store";
import { usePlayer } from "../store/player";
import {
  type Cell,
  type Check,
  checkTrace,
  type Endpoint,
  endpointsOf,
  matrixCells,
  nameCheck,
} from "../view/reachability";
import { blockedText } from "../view/why";
import { SidePanel } from "./SidePanel";

/** Wall-clock ms of walks per slice: the page draws between slices. */
const SLICE_MS = 12;

interface Matrix {
  endpoints: Endpoint[];
  rows: (Cell | undefined)[][];
  done: number;
  total: number;
}

const sameEndpoints = (a: Endpoint[], b: Endpoint[]) =>
  a.length === b.length && a.every((e, i) => e.netns === b[i]?.netns && e.label === b[i]?.label);

/**
 * The matrix of the world, filled in between frames. A change while it is being filled lets the
 * filling finish (on its copy of the world) and then starts again, so that a lab that changes every
 * second (an endless ping) still gets whole matrices; the cells of the last one stay on screen until
 * their new answers come, while the endpoints are the same.
 */
function useMatrix(world: World, revision: number): Matrix {
  const [matrix, setMatrix] = useState<Matrix>({ endpoints: [], rows: [], done: 0, total: 0 });
  const run = useRef({
    busy: false,
    /** Changes seen, and the change the matrix being filled answers. */
    asked: 0,
    answered: 0,
    world,
    last: matrix,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the world is mutated in place; the revision says it changed.
  useEffect(() => {
    const r = run.current;
    r.asked++;
    r.world = world;
    if (r.busy) return;
    // Endpoints and the walks' copy of the world are taken in one go, in the first slice.
    const fill = () => {
      r.answered = r.asked;
      const endpoints = endpointsOf(r.world);
      const total = endpoints.length * (endpoints.length - 1);
      let rows: (Cell | undefined)[][] = sameEndpoints(endpoints, r.last.endpoints)
        ? r.last.rows
        : endpoints.map(() => endpoints.map(() => undefined));
      let done = 0;
      const cells = matrixCells(r.world, endpoints);
      const slice = () => {
        const until = performance.now() + SLICE_MS;
        const changed = new Map<number, (Cell | undefined)[]>();
        for (let next = cells.next(); !next.done; next = cells.next()) {
          const { i, j, cell } = next.value;
          const row = changed.get(i) ?? [...(rows[i] ?? [])];
          row[j] = cell;
          changed.set(i, row);
          done++;
          if (performance.now() >= until) break;
        }
        rows = rows.map((row, i) => changed.get(i) ?? row);
        r.last = { endpoints, rows, done, total };
        setMatrix(r.last);
        if (done < total) r.timer = setTimeout(slice, 0);
        else if (r.asked !== r.answered) r.timer = setTimeout(fill, 0);
        else r.busy = false;
      };
      slice();
    };
    r.busy = true;
    r.timer = setTimeout(fill, 0);
  }, [world, revision]);
  // Closed: nothing more to compute (and a panel opened again starts afresh).
  useEffect(
    () => () => {
      clearTimeout(run.current.timer);
      run.current.busy = false;
    },
    [],
  );
  return matrix;
}

type Verdict = "ok" | "blocked" | "partly" | "pending";

function verdictOf(cell: Cell | undefined): Verdict {
  if (!cell) return "pending";
  const checks = [cell.ping, ...cell.ports.map((p) => p.check)];
  const ok = checks.filter((c) => c.ok).length;
  return ok === checks.length ? "ok" : ok === 0 ? "blocked" : "partly";
}

const GLYPH: Record<Verdict, string> = { ok: "✓", blocked: "✕", partly: "◐", pending: "·" };
const STYLE: Record<Verdict, string> = {
  ok: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  blocked: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  partly: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  pending: "text-slate-400",
};

function checkLine(t: TFunction, c: Check): string {
  return c.ok
    ? t("reach.ok")
    : t("reach.because", { what: t("reach.blocked"), why: blockedText(t, c.why, c.hint) });
}

function summaryOf(t: TFunction, cell: Cell | undefined): string {
  if (!cell) return t("reach.pending");
  const parts = [
    `${t("reach.ping")} ${cell.ping.ok ? t("reach.ok") : t("reach.blocked")}`,
    ...cell.ports.map(
      (p) => `${t("reach.port", { port: p.port })} ${p.check.ok ? t("reach.ok") : t("reach.blocked")}`,
    ),
  ];
  return parts.join(", ");
}

function show(world: World, cell: Cell, port?: number): void {
  const trace = checkTrace(world, cell, port);
  if (trace) usePlayer.getState().show([trace]);
}

const Row = memo(function Row({
  i,
  from,
  cells,
  endpoints,
  focus,
  onPick,
  onKey,
}: {
  i: number;
  from: Endpoint;
  cells: (Cell | undefined)[];
  endpoints: Endpoint[];
  /** The column of the one cell in the tab order, when it is in this row. */
  focus: number | undefined;
  onPick: (i: number, j: number) => void;
  onKey: (e: KeyboardEvent, i: number, j: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      <th
        scope="row"
        className="sticky left-0 z-10 max-w-24 truncate bg-white px-1 text-left font-normal dark:bg-slate-900"
        title={from.label}
      >
        {from.label}
      </th>
      {endpoints.map((to, j) => {
        if (j === i)
          return (
            <td key={to.netns} className="text-center text-slate-300 dark:text-slate-600" aria-hidden="true">
              —
            </td>
          );
        const cell = cells[j];
        const verdict = verdictOf(cell);
        return (
          <td key={to.netns} className="p-0">
            <button
              type="button"
              tabIndex={focus === j ? 0 : -1}
              data-cell={`${i}:${j}`}
              data-verdict={verdict}
              aria-label={t("reach.cell", { from: from.label, to: to.label, summary: summaryOf(t, cell) })}
              onClick={() => onPick(i, j)}
              onKeyDown={(e) => onKey(e, i, j)}
              className={`block h-6 w-6 border border-white text-center font-bold focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-900 ${STYLE[verdict]}`}
            >
              {GLYPH[verdict]}
            </button>
          </td>
        );
      })}
    </tr>
  );
});

function Details({ world, cell }: { world: World; cell: Cell }) {
  const { t } = useTranslation();
  const revision = useLab((s) => s.revision);
  // By name: one more walk (DNS included), for the picked cell only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision says the world changed in place.
  const byName = useMemo(() => nameCheck(world, cell.from, cell.to), [world, revision, cell]);
  const checks: { key: string; label: string; check: Check; port?: number }[] = [
    { key: "ping", label: t("reach.ping"), check: cell.ping },
    ...cell.ports.map((p) => ({
      key: `p${p.port}`,
      label: t("reach.port", { port: p.port }),
      check: p.check,
      port: p.port,
    })),
  ];
  return (
    <div className="space-y-1 p-2" data-testid="reach-details">
      <p className="font-semibold">
        {cell.from.label} → {cell.to.label}{" "}
        <span className="font-normal text-slate-500 dark:text-slate-400">
          {cell.address ? t("reach.to", { address: cell.address }) : t("reach.noAddress")}
        </span>
      </p>
      <ul className="space-y-1">
        {checks.map((c) => (
          <li key={c.key} className={c.check.ok ? "" : "text-red-800 dark:text-red-300"}>
            <span className="font-mono font-semibold">
              {c.check.ok ? "✓" : "✕"} {c.label}
            </span>{" "}
            <span className="[overflow-wrap:anywhere]">{checkLine(t, c.check)}</span>
            {cell.address && (
              <button
                type="button"
                className="ml-1 rounded border border-slate-300 px-1 text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800"
                aria-label={t("reach.showNamed", {
                  check: `${cell.from.label} → ${cell.to.label} ${c.label}`,
                })}
                onClick={() => show(world, cell, c.port)}
              >
                {t("reach.show")}
              </button>
            )}
          </li>
        ))}
        {byName && (
          <li className={byName.check.ok ? "" : "text-red-800 dark:text-red-300"}>
            <span className="font-mono font-semibold">
              {byName.check.ok ? "✓" : "✕"} {t("reach.byName", { name: byName.name })}
            </span>{" "}
            <span className="[overflow-wrap:anywhere]">{checkLine(t, byName.check)}</span>
          </li>
        )}
      </ul>
    </div>
  );
}

export function ReachPanel() {
  const { t } = useTranslation();
  const world = useLab((s) => s.lab.world);
  const revision = useLab((s) => s.revision);
  const { endpoints, rows, done, total } = useMatrix(world, revision);
  const [picked, setPicked] = useState<{ from: string; to: string } | undefined>();
  const [focus, setFocus] = useState<[number, number]>([0, 1]);
  const grid = useRef<HTMLTableElement>(null);
  const n = endpoints.length;
  const pickedI = picked ? endpoints.findIndex((e) => e.netns === picked.from) : -1;
  const pickedJ = picked ? endpoints.findIndex((e) => e.netns === picked.to) : -1;
  const pickedCell = rows[pickedI]?.[pickedJ];
  const [fi, fj] = focus[0] < n && focus[1] < n ? focus : [0, n > 1 ? 1 : 0];
  // The rows get stable handlers that call the latest ones, so a row redraws only when its cells change.
  const latest = useRef({
    pick: (_i: number, _j: number) => {},
    onKey: (_e: KeyboardEvent, _i: number, _j: number) => {},
  });
  const onPick = useCallback((i: number, j: number) => latest.current.pick(i, j), []);
  const onCellKey = useCallback(
    (e: KeyboardEvent, i: number, j: number) => latest.current.onKey(e, i, j),
    [],
  );

  const pick = (i: number, j: number) => {
    const from = endpoints[i];
    const to = endpoints[j];
    if (!from || !to) return;
    setPicked({ from: from.netns, to: to.netns });
    setFocus([i, j]);
    const cell = rows[i]?.[j];
    if (cell) show(world, cell);
  };
  const onKey = (e: KeyboardEvent, i: number, j: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key] ?? (e.key === "Home" ? [0, -j] : e.key === "End" ? [0, n - 1 - j] : undefined);
    if (!move) return;
    e.preventDefault();
    let [ni, nj] = [i + move[0], j + move[1]];
    // The diagonal has no cell: step over it.
    if (ni === nj) [ni, nj] = [ni + Math.sign(move[0]), nj + Math.sign(move[1])];
    if (ni < 0 || nj < 0 || ni >= n || nj >= n || ni === nj) return;
    setFocus([ni, nj]);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${ni}:${nj}"]`)?.focus();
  };

  latest.current = { pick, onKey };

  return (
    <SidePanel
      label={t("reach.title")}
      title={t("reach.title")}
      testId="reach-panel"
      className="dnl-reach w-[26rem] max-w-[50%] text-xs"
    >
      <p role="status" className="px-2 text-slate-500 dark:text-slate-400" data-testid="reach-status">
        {done < total ? t("reach.checking", { done, total }) : ""}
      </p>
      <div className="min-h-0 flex-1 overflow-auto">
        <table ref={grid} aria-label={t("reach.title")} className="border-collapse">
          <thead>
            <tr>
              <th className="sticky top-0 left-0 z-20 whitespace-nowrap bg-white px-1 text-left align-bottom font-normal text-slate-500 dark:bg-slate-900">
                {t("reach.from")}
              </th>
              {endpoints.map((e) => (
                <th
                  key={e.netns}
                  scope="col"
                  title={`${e.label} (${t(`reach.kinds.${e.kind}`)})`}
                  className="sticky top-0 z-10 bg-white align-bottom font-normal dark:bg-slate-900"
                >
                  <span className="inline-block max-h-20 truncate [writing-mode:vertical-rl] rotate-180">
                    {e.label}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {endpoints.map((from, i) => (
              <Row
                key={from.netns}
                i={i}
                from={from}
                cells={rows[i] ?? []}
                endpoints={endpoints}
                focus={fi === i ? fj : undefined}
                onPick={onPick}
                onKey={onCellKey}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="max-h-[45%] shrink-0 overflow-y-auto border-t border-slate-200 dark:border-slate-800">
        {pickedCell ? (
          <Details world={world} cell={pickedCell} />
        ) : (
          <div className="space-y-1 p-2 text-slate-600 dark:text-slate-300">
            <p>{t("reach.intro")}</p>
            <p>{t("reach.pick")}</p>
          </div>
        )}
      </div>
    </SidePanel>
  );
}
