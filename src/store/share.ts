/**
 * Sending a lab to someone: a link that holds the whole lab in its fragment (never sent to any
 * server), and a file to export and import. What comes in goes through readLabDocument and, when
 * it passes, replaces the lab as one step of the history (undo brings back what was there).
 */

import { t } from "../i18n";
import { replaceWith } from "./history";
import { documentJson, packDocument, readLabDocument } from "./lab-file";
import { useLab } from "./lab-store";
import { useNotices } from "./notices";
import { documentOf } from "./persist";

const FRAGMENT = "#lab=";

/** A link to this page that opens the lab as it is now. */
export function shareUrl(base = location.href): string {
  const url = base.split("#")[0] ?? base;
  return `${url}${FRAGMENT}${packDocument(documentOf(useLab.getState()))}`;
}

/** Tells why something from outside was refused; the lab stays as it was. */
export function refused(what: string, reason: string): void {
  useNotices.getState().push({ tone: "error", text: t("keep.refused", { what, reason }) });
}

/** Opens a lab from a text (a link, a packed or JSON document); true when it replaced the lab. */
function openLab(text: unknown, what: string, label: string): boolean {
  const read = readLabDocument(text);
  if (!read.ok) {
    refused(what, read.error);
    return false;
  }
  replaceWith(read.doc.lab, label, read.doc.view);
  return true;
}

/** A share link in the page's address: opened, then taken out of the address (reloads use the save). */
export function openSharedFromLocation(): void {
  if (!location.hash.startsWith(FRAGMENT)) return;
  const text = location.hash;
  history.replaceState(null, "", location.pathname + location.search);
  openLab(text, t("keep.sharedLab"), t("keep.entries.shared"));
}

export function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function stamp(): string {
  return new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
}

export function exportLabFile(): void {
  download(
    `docker-network-lab-${stamp()}.json`,
    "application/json",
    documentJson(documentOf(useLab.getState())),
  );
}

export async function importLabFile(file: File): Promise<boolean> {
  if (file.size > 16 * 1024 * 1024) {
    refused(t("keep.file", { name: file.name }), "it is too large to be a lab");
    return false;
  }
  return openLab(
    await file.text(),
    t("keep.file", { name: file.name }),
    t("keep.entries.imported", { name: file.name }),
  );
}
