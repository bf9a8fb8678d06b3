/** Why a walked packet did not get through, in words, from the probe's structured answer and the matrix's hint. */
import type { TFunction } from "i18next";
import type { ProbeFailure } from "../engine/probe";
import { hopNoteText } from "./hop-note";
import type { Hint } from "./reachability";

export function whyText(t: TFunction, f: ProbeFailure): string {
  switch (f.kind) {
    case "name":
      return t("lessons.why.name", { name: f.name });
    case "no-route":
      return t("lessons.why.noRoute", { dst: f.dst });
    case "no-neighbour":
      return t("lessons.why.noNeighbour", { dst: f.dst });
    case "dropped":
      return f.chain && f.rule
        ? t("lessons.why.droppedBy", { chain: f.chain, rule: f.rule })
        : t("lessons.why.dropped", { note: hopNoteText(f.note) });
    case "refused":
      return t("lessons.why.refused");
    case "reset":
      return t("lessons.why.reset");
    case "icmp":
      return t("lessons.why.icmp", { from: f.from, type: f.type });
    case "timeout":
      return t("lessons.why.timeout");
    case "no-source":
      return t("lessons.why.noSource");
  }
}

/** The probe's reason, then the Docker idea behind it: "dropped by …: the two networks are isolated". */
export function blockedText(t: TFunction, why: ProbeFailure | undefined, hint: Hint | undefined): string {
  const said = why && whyText(t, why);
  const idea = hint && t(`reach.hints.${hint}`);
  return said && idea ? t("reach.because", { what: said, why: idea }) : (said ?? idea ?? "");
}
