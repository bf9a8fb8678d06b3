/** Why a packet walked for a goal did not get through, in words, from the probe's structured answer. */
import type { TFunction } from "i18next";
import type { ProbeFailure } from "../../engine/probe";

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
        : t("lessons.why.dropped", { note: f.note });
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
