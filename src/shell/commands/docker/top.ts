/**
 * `docker top`: the container's processes as the host's procps ps prints them, `-ef` unless other
 * ps options follow (`-o LIST`, `-eo LIST`, BSD `aux` and `x`). The daemon keeps the rows whose PID
 * belongs to the container, so a format without a PID column is refused.
 */
import { notRunning, restartingError } from "../../../engine/docker/containers";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import type { Process } from "../../../engine/world";
import { tabwrite } from "../../format/tabwriter";
import { CliError, type DockerCommand } from "./cli";

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

interface Row {
  p: Process;
  c: Container;
  main: boolean;
}

/** procps' columns by format specifier: the header it prints and the value of a row. */
const COLUMNS: Record<string, [string, (r: Row) => string]> = {
  pid: ["PID", (r) => String(r.p.pid)],
  ppid: ["PPID", (r) => String(r.c.shimPid)],
  user: ["USER", () => "root"],
  uid: ["UID", () => "0"],
  comm: ["COMMAND", (r) => r.p.command.split(" ")[0]?.split("/").pop() ?? ""],
  args: ["COMMAND", (r) => r.p.command],
  command: ["COMMAND", (r) => r.p.command],
  cmd: ["CMD", (r) => r.p.command],
  tty: ["TT", (r) => (r.main && r.c.config.tty ? "pts/0" : "?")],
  tt: ["TT", (r) => (r.main && r.c.config.tty ? "pts/0" : "?")],
  stime: ["STIME", (r) => hhmm(r.c.state.startedAt)],
  time: ["TIME", () => "00:00:00"],
  c: ["C", () => "0"],
  stat: ["STAT", () => "Ss"],
};

/** The fixed layouts: ps -ef, BSD `aux` and `x` (busybox's footprint for VSZ and RSS). */
const LAYOUTS: Record<string, [string, (r: Row) => string][]> = {
  "-ef": [
    ["UID", () => "root"],
    ["PID", (r) => String(r.p.pid)],
    ["PPID", (r) => String(r.c.shimPid)],
    ["C", () => "0"],
    ["STIME", (r) => hhmm(r.c.state.startedAt)],
    ["TTY", (r) => (r.main && r.c.config.tty ? "pts/0" : "?")],
    ["TIME", () => "00:00:00"],
    ["CMD", (r) => r.p.command],
  ],
  aux: [
    ["USER", () => "root"],
    ["PID", (r) => String(r.p.pid)],
    ["%CPU", () => "0.0"],
    ["%MEM", () => "0.0"],
    ["VSZ", () => "2268"],
    ["RSS", (r) => (r.main ? "1608" : "1384")],
    ["TTY", (r) => (r.main && r.c.config.tty ? "pts/0" : "?")],
    ["STAT", () => "Ss"],
    ["START", (r) => hhmm(r.c.state.startedAt)],
    ["TIME", () => "0:00"],
    ["COMMAND", (r) => r.p.command],
  ],
  x: [
    ["PID", (r) => String(r.p.pid)],
    ["TTY", (r) => (r.main && r.c.config.tty ? "pts/0" : "?")],
    ["STAT", () => "Ss"],
    ["TIME", () => "0:00"],
    ["COMMAND", (r) => r.p.command],
  ],
};

/** The columns ps's arguments ask for, refused in ps's words. */
function columnsOf(args: string[]): [string, (r: Row) => string][] {
  const joined = args.join(" ");
  if (args.length === 0 || joined === "-ef") return LAYOUTS["-ef"] ?? [];
  const layout = LAYOUTS[joined];
  if (layout) return layout;
  const m = /^(?:-e?o|o)\s*(\S+)$/.exec(joined);
  if (!m)
    throw new CliError(`Error response from daemon: ps: error: unsupported option (BSD syntax): ${joined}`);
  return (m[1] ?? "").split(",").map((spec) => {
    const column = COLUMNS[spec];
    if (!column)
      throw new CliError(
        `Error response from daemon: ps: error: unknown user-defined format specifier "${spec}"`,
      );
    return column;
  });
}

const top: DockerCommand = {
  top: "top",
  group: ["container", "top"],
  use: "CONTAINER [ps OPTIONS]",
  summary: "Display the running processes of a container",
  aliases: "docker container top, docker top",
  flags: [],
  interspersed: false,
  args: { min: 1 },
  run(ctx, { args }) {
    const c = requireContainer(ctx.host.daemon, args[0] ?? "");
    // (moby's ContainerTop: a restarting container counts as running, then is refused as restarting)
    if (c.state.status === "restarting") throw restartingError(c);
    if (!isRunning(c)) throw notRunning(ctx.host, c);
    const columns = columnsOf(args.slice(1));
    if (!columns.some(([title]) => title === "PID"))
      throw new CliError("Error response from daemon: Couldn't find PID field in ps output");
    const rows = Object.values(ctx.host.machine.procs)
      .filter((p) => p.container === c.id)
      .sort((a, b) => a.pid - b.pid)
      .map((p) => ({ p, c, main: p.pid === c.state.pid }));
    const lines = [
      columns.map(([title]) => title).join("\t"),
      ...rows.map((r) => columns.map(([, value]) => value(r)).join("\t")),
    ];
    ctx.out.write(tabwrite(`${lines.join("\n")}\n`, { minwidth: 20, padding: 3 }));
    return 0;
  },
};

export const subcommands: DockerCommand[] = [top];
