/** The slim bar on top: the lab's name, theme switch, inspector toggle, and a fresh start. */
import { resetLab } from "../store/history";
import { type ThemeChoice, useLab } from "../store/lab-store";
import { LabControls } from "./LabControls";

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

const button =
  "rounded px-2 py-1 text-sm hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800";

export function Toolbar() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const toggleInspector = useLab((s) => s.toggleInspector);
  return (
    <header className="flex h-10 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="flex items-center gap-2 text-base font-semibold tracking-tight">
        <img src="./favicon.svg" alt="" className="h-5 w-5" />
        Docker Network Lab
      </h1>
      <span className="text-xs text-slate-500 dark:text-slate-400">host1 · Docker 26 engine · client 28</span>
      <div className="ml-auto flex items-center gap-1">
        <LabControls />
        <label className="flex items-center gap-1 text-sm">
          <span className="sr-only">Theme</span>
          <select
            aria-label="Theme"
            className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
            value={theme}
            onChange={(e) => setTheme(e.target.value as ThemeChoice)}
          >
            {THEMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={button} aria-pressed={inspectorOpen} onClick={toggleInspector}>
          Inspector
        </button>
        <button
          type="button"
          className={button}
          onClick={() => {
            if (confirm("Start over with a fresh Docker host? Your containers and networks will be gone."))
              resetLab();
          }}
        >
          Reset lab
        </button>
      </div>
    </header>
  );
}
