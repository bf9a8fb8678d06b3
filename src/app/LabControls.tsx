/**
 * The toolbar's keeping and sharing controls: undo, redo, the history list, the share menu (link,
 * lab file, diagram images) and presenter mode.
 */
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { t as text } from "../i18n";
import { redo, redoTarget, undo, undoTarget, useHistory } from "../store/history";
import { useNotices } from "../store/notices";
import { usePage } from "../store/page";
import { exportLabFile, importLabFile, shareUrl } from "../store/share";
import { exportDiagram } from "./diagram";
import { menuBox, menuItem, useMenu } from "./menu";

export const toolbarButton =
  "whitespace-nowrap rounded px-2 py-1 text-sm hover:bg-slate-200 disabled:opacity-40 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800";

async function copyShareLink(): Promise<void> {
  const url = shareUrl();
  const notices = useNotices.getState();
  try {
    await navigator.clipboard.writeText(url);
    notices.push({ tone: "info", text: text("keep.linkCopied", { size: Math.ceil(url.length / 1024) }) });
  } catch {
    // No clipboard permission: show the link to copy by hand.
    notices.push({ tone: "info", text: url });
  }
}

function ShareMenu() {
  const { t } = useTranslation();
  const { open, setOpen, box, act } = useMenu();
  const file = useRef<HTMLInputElement>(null);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        className={toolbarButton}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t("keep.share")}
      </button>
      {open && (
        <div role="menu" aria-label={t("keep.shareMenu")} className={menuBox}>
          <button type="button" role="menuitem" className={menuItem} onClick={act(copyShareLink)}>
            {t("keep.copyLink")}
          </button>
          <button type="button" role="menuitem" className={menuItem} onClick={act(exportLabFile)}>
            {t("keep.exportFile")}
          </button>
          <button
            type="button"
            role="menuitem"
            className={menuItem}
            onClick={act(() => file.current?.click())}
          >
            {t("keep.importFile")}
          </button>
          <button
            type="button"
            role="menuitem"
            className={menuItem}
            onClick={act(() => exportDiagram("png"))}
          >
            {t("keep.diagramPng")}
          </button>
          <button
            type="button"
            role="menuitem"
            className={menuItem}
            onClick={act(() => exportDiagram("svg"))}
          >
            {t("keep.diagramSvg")}
          </button>
        </div>
      )}
      <input
        ref={file}
        type="file"
        accept=".json,application/json,text/plain"
        className="hidden"
        data-testid="import-file"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = "";
          if (chosen) void importLabFile(chosen);
        }}
      />
    </div>
  );
}

export function LabControls() {
  const { t } = useTranslation();
  const history = useHistory((s) => s.history);
  const historyOpen = usePage((s) => s.historyOpen);
  const toggleHistory = usePage((s) => s.toggleHistory);
  const setPresenting = usePage((s) => s.setPresenting);
  return (
    <>
      <button
        type="button"
        className={toolbarButton}
        title={t("keep.undoTitle")}
        disabled={undoTarget(history) === undefined}
        onClick={undo}
      >
        {t("keep.undo")}
      </button>
      <button
        type="button"
        className={toolbarButton}
        title={t("keep.redoTitle")}
        disabled={redoTarget(history) === undefined}
        onClick={redo}
      >
        {t("keep.redo")}
      </button>
      <button type="button" className={toolbarButton} aria-pressed={historyOpen} onClick={toggleHistory}>
        {t("keep.history")}
      </button>
      <ShareMenu />
      <button
        type="button"
        className={toolbarButton}
        title={t("keep.presentTitle")}
        onClick={() => setPresenting(true)}
      >
        {t("keep.present")}
      </button>
    </>
  );
}
