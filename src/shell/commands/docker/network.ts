/** `docker network ...`: list networks (the other subcommands join this table as they are built). */
import type { Network } from "../../../engine/docker/types";
import { tabwrite } from "../../format/tabwriter";
import type { DockerCommand } from "./cli";
import { bool } from "./flags";

function sortedNetworks(networks: Network[]): Network[] {
  return [...networks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const ls: DockerCommand = {
  path: ["network", "ls"],
  aliases: [["network", "list"]],
  usage: "docker network ls [OPTIONS]",
  summary: "List networks",
  flags: [
    {
      long: "filter",
      short: "f",
      type: "list",
      valueName: "filter",
      help: 'Provide filter values (e.g. "driver=bridge")',
    },
    { long: "format", type: "string", valueName: "string", help: "Format output using a custom template" },
    { long: "no-trunc", type: "bool", help: "Do not truncate the output" },
    { long: "quiet", short: "q", type: "bool", help: "Only display network IDs" },
  ],
  args: { max: 0 },
  run(ctx, { flags }) {
    const networks = sortedNetworks(ctx.host.daemon.networks);
    const id = (n: Network) => (bool(flags, "no-trunc") ? n.id : n.id.slice(0, 12));
    if (bool(flags, "quiet")) {
      for (const n of networks) ctx.out.line(id(n));
      return 0;
    }
    const rows = [
      "NETWORK ID\tNAME\tDRIVER\tSCOPE",
      ...networks.map((n) => `${id(n)}\t${n.name}\t${n.driver}\t${n.scope}`),
    ];
    ctx.out.write(tabwrite(`${rows.join("\n")}\n`));
    return 0;
  },
};

export const networkCommands: DockerCommand[] = [ls];
