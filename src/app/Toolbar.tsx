/**
 * The slim bar on top: the lab's name and the Docker it runs (today's, or the tutorials' 20.10),
 * undo and redo, history, sharing and presenting, lessons, language and theme switches, inspector
 * toggle, and a fresh start.
 */
import { useTranslation } from "react-i18next";
import { type DockerEra, ERAS, eraOfWorld } from "../engine/docker/era";
import { resetLab, switchEra } from "../store/history";
import { type ThemeChoice, useLab } from "../store/lab-store";
import { useLessonUi } from "../store/lesson-ui";
import { HostsMenu } from "./HostsMenu";
import { LabControls } from "./LabControls";
import { LanguageSelect } from "./LanguageSelect";

const THEMES: ThemeChoice[] = ["system", "light", "dark"];

/** The versions `docker version` prints in each era, for the tagline. */
const VERSIONS: Record<DockerEra, { engine: string; client: string }> = {
  26: { engine: "26", client: "28" },
  20: { engine: "20.10", client: "20.10" },
};

const button =
  "whitespace-nowrap rounded px-2 py-1 text-sm hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800";

/** A labelled select of the toolbar, each choice shown by its name. */
function ToolbarSelect<T extends string | number>(props: {
  label: string;
  title?: string;
  nameOf: (choice: T) => string;
  choices: readonly T[];
  value: T;
  onChange: (choice: T) => void;
}) {
  const { label, title, nameOf, choices, value, onChange } = props;
  return (
    <label className="flex shrink-0 items-center gap-1 text-sm" title={title}>
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
        value={value}
        onChange={(e) => {
          const choice = choices.find((c) => String(c) === e.target.value);
          if (choice !== undefined) onChange(choice);
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {nameOf(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Toolbar() {
  const { t } = useTranslation();
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const toggleInspector = useLab((s) => s.toggleInspector);
  // Read on every store change: the world changes in place, and setEra announces it with a revision.
  const era = useLab((s) => eraOfWorld(s.lab.world));
  return (
    <header className="flex h-10 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="flex shrink-0 items-center gap-2 whitespace-nowrap text-base font-semibold tracking-tight">
        <img src="./favicon.svg" alt="" className="h-5 w-5" />
        {/* The controls come first: below 1536 px the name is for screen readers only. */}
        <span className="sr-only 2xl:not-sr-only">Docker Network Lab</span>
      </h1>
      <span className="hidden text-xs text-slate-500 2xl:inline dark:text-slate-400">
        {t("app.tagline", VERSIONS[era])}
      </span>
      <ToolbarSelect
        label={t("toolbar.era")}
        title={t("toolbar.eraTitle")}
        nameOf={(choice) => t(`toolbar.eras.${choice}`)}
        choices={ERAS}
        value={era}
        onChange={switchEra}
      />
      <div className="ml-auto flex items-center gap-1">
        <LabControls />
        <HostsMenu />
        <button
          type="button"
          className={`${button} font-semibold text-sky-700 dark:text-sky-300`}
          onClick={() => useLessonUi.getState().showList(true)}
        >
          {t("lessons.button")}
        </button>
        <LanguageSelect />
        <ToolbarSelect
          label={t("toolbar.theme")}
          nameOf={(choice) => t(`toolbar.themes.${choice}`)}
          choices={THEMES}
          value={theme}
          onChange={setTheme}
        />
        <button type="button" className={button} aria-pressed={inspectorOpen} onClick={toggleInspector}>
          {t("toolbar.inspector")}
        </button>
        <button
          type="button"
          className={button}
          onClick={() => {
            if (confirm(t("toolbar.resetConfirm"))) resetLab();
          }}
        >
          {t("toolbar.reset")}
        </button>
      </div>
    </header>
  );
}
