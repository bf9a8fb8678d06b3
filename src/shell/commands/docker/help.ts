/** Usage texts in the Docker CLI's layout, generated from the command table (the lab lists what it supports). */
import type { DockerCommand } from "./cli";
import type { FlagSpec } from "./flags";

function flagColumn(f: FlagSpec): string {
  const name = f.short ? `-${f.short}, --${f.long}` : `    --${f.long}`;
  const value = f.type === "bool" ? "" : ` ${f.valueName ?? f.type}`;
  return `  ${name}${value}`;
}

function options(flags: FlagSpec[]): string[] {
  if (flags.length === 0) return [];
  const sorted = [...flags].sort((a, b) => a.long.localeCompare(b.long));
  const width = Math.max(...sorted.map((f) => flagColumn(f).length)) + 3;
  return [
    "Options:",
    ...sorted.map((f) => {
      const help = f.help ?? "";
      const suffix = f.defaultText ? ` (${f.defaultText})` : "";
      return `${flagColumn(f).padEnd(width)}${help}${suffix}`;
    }),
  ];
}

export function commandHelp(cmd: DockerCommand): string {
  const lines = ["", `Usage:  ${cmd.usage}`, "", cmd.summary, ""];
  if (cmd.aliases?.length) {
    lines.push(
      "Aliases:",
      `  ${[cmd.path, ...cmd.aliases].map((p) => `docker ${p.join(" ")}`).join(", ")}`,
      "",
    );
  }
  const opts = options(cmd.flags);
  if (opts.length > 0) lines.push(...opts, "");
  return `${lines.join("\n")}`;
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([n]) => n.length)) + 3;
  return rows.map(([n, s]) => `  ${n.padEnd(width)}${s}`);
}

export function groupHelp(group: string, commands: DockerCommand[]): string {
  const subs = commands.filter((c) => c.path[0] === group && c.path.length === 2);
  const summaries: Record<string, string> = {
    network: "Manage networks",
    container: "Manage containers",
    image: "Manage images",
  };
  return [
    "",
    `Usage:  docker ${group} COMMAND`,
    "",
    summaries[group] ?? "",
    "",
    "Commands:",
    ...table(subs.map((c) => [c.path[1] ?? "", c.summary])),
    "",
    `Run 'docker ${group} COMMAND --help' for more information on a command.`,
    "",
  ].join("\n");
}

export function mainHelp(commands: DockerCommand[]): string {
  const common = commands.filter((c) => c.path.length === 1);
  return [
    "",
    "Usage:  docker [OPTIONS] COMMAND",
    "",
    "A self-sufficient runtime for containers",
    "",
    "Common Commands:",
    ...table(common.map((c) => [c.path[0] ?? "", c.summary])),
    "",
    "Management Commands:",
    ...table([
      ["container", "Manage containers"],
      ["image", "Manage images"],
      ["network", "Manage networks"],
    ]),
    "",
    "Run 'docker COMMAND --help' for more information on a command.",
    "",
    "(Docker Network Lab: this list shows the commands the lab simulates.)",
    "",
  ].join("\n");
}
