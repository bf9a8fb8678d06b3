/**
 * The toolbar's Docker hosts menu: add host2, host3 … or remove one. Each item types the lab's own
 * command (`lab host add`, `lab host rm NAME`) into a host's terminal, so the student sees the
 * command, its answer (a refusal says what still depends on the host) and can undo it.
 */
import { useTranslation } from "react-i18next";
import { dockerHosts } from "../engine/hosts";
import { runCommand } from "../store/driver";
import { useLab } from "../store/lab-store";
import { toolbarButton } from "./LabControls";
import { menuBox, menuItem, useMenu } from "./menu";

/** A tab at a host's own shell, not on `avoid`: the one in front if it is, else the first. */
function hostTab(avoid?: string): string | undefined {
  const { lab, activeSession } = useLab.getState();
  const fits = (id: string) => {
    const s = lab.sessions.find((x) => x.id === id);
    const frame = s?.frames[s.frames.length - 1];
    return !!s && s.frames.length === 1 && !frame?.container && frame?.machine !== avoid;
  };
  return fits(activeSession) ? activeSession : lab.sessions.map((s) => s.id).find(fits);
}

function typeInHostTab(line: string, avoid?: string): void {
  const session = hostTab(avoid);
  if (!session) return;
  useLab.getState().setActiveSession(session);
  void runCommand(line, { session });
}

export function HostsMenu() {
  const { t } = useTranslation();
  const { open, setOpen, box, act } = useMenu();
  useLab((s) => s.revision);
  const hosts = dockerHosts(useLab.getState().lab.world).map((m) => m.name);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        className={toolbarButton}
        title={t("toolbar.hostsTitle")}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t("toolbar.hosts")}
      </button>
      {open && (
        <div role="menu" aria-label={t("toolbar.hostsMenu")} className={menuBox}>
          <button
            type="button"
            role="menuitem"
            className={menuItem}
            onClick={act(() => typeInHostTab("lab host add"))}
          >
            {t("toolbar.addHost")}
          </button>
          {hosts.slice(1).map((name) => (
            <button
              key={name}
              type="button"
              role="menuitem"
              className={menuItem}
              onClick={act(() => typeInHostTab(`lab host rm ${name}`, name))}
            >
              {t("toolbar.removeHost", { name })}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
