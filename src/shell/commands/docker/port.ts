/** `docker port`: a container's published ports, or where one private port is published. */
import { requireContainer } from "../../../engine/docker/lookup";
import { CliError, type DockerCommand } from "./cli";
import { naturalLess } from "./format";
import { joinHostPort } from "./ps";
import { livePorts } from "./views";

const port: DockerCommand = {
  top: "port",
  looksUp: "container",
  group: ["container", "port"],
  use: "CONTAINER [PRIVATE_PORT[/PROTO]]",
  summary: "List port mappings or a specific mapping for the container",
  aliases: "docker container port, docker port",
  flags: [],
  args: { min: 1, max: 2 },
  run(ctx, { args }) {
    const [name = "", wanted] = args;
    const c = requireContainer(ctx.host.daemon, name);
    const ports = livePorts(ctx.host, c);
    const join = (ip: string, p: string) => joinHostPort(ip, p, ctx.host.daemon.era);
    let out: string[];
    if (wanted !== undefined) {
      const [num = "", proto = "tcp"] = wanted.split("/");
      if (!/^\d+$/.test(num) || Number(num) > 65535) {
        throw new CliError(
          `Error: invalid port (${num}): strconv.ParseUint: parsing "${num}": invalid syntax`,
        );
      }
      const frontends = ports[`${num}/${proto || "tcp"}`];
      // Client 20.10 named the port with its protocol.
      const asked = ctx.host.daemon.era === 20 ? `${num}/${proto || "tcp"}` : wanted;
      if (!frontends || frontends.length === 0)
        throw new CliError(`Error: No public port '${asked}' published for ${name}`);
      out = frontends.map((f) => join(f.hostIp, f.hostPort));
    } else {
      out = Object.entries(ports).flatMap(([from, fs]) =>
        (fs ?? []).map((f) => `${from} -> ${join(f.hostIp, f.hostPort)}`),
      );
    }
    out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    if (out.length > 0) ctx.out.line(out.join("\n"));
    return 0;
  },
};

export const subcommands: DockerCommand[] = [port];
