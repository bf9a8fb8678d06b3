/**
 * `docker version` and `docker info` as client 28.2.2 prints them against the recorded engine
 * 26.1.5 (Debian's build), with the lab's own counts, host name and data root. `info` lists the
 * sections the recording has; nothing is invented beyond it.
 */
import { isRunning } from "../../../engine/docker/lookup";
import { pruneNetworks } from "../../../engine/docker/networks";
import { goInt, goStr, goStruct } from "../../format/go/value";
import type { DockerCommand } from "./cli";
import { bool, type FlagValues, flag, str } from "./flags";
import { formatObject, OBJECT_FORMAT_HELP } from "./format";
import { pruneImages } from "./images";
import { pruneCommand, pruneReport } from "./prune";
import { pruneContainers } from "./remove";
import { swarmInfoText, swarmInfoValue } from "./swarm";

const CLIENT = {
  Version: "28.2.2",
  ApiVersion: "1.45",
  DefaultAPIVersion: "1.50",
  GoVersion: "go1.24.3",
  GitCommit: "e6534b4",
  BuildTime: "Fri May 30 12:07:14 2025",
  Os: "linux",
  Arch: "amd64",
  Context: "default",
};

/** The engine's version string (Debian's build of 26.1.5), as nodes report it too. */
export const SERVER_VERSION = "26.1.5+dfsg1";

const SERVER = {
  Version: SERVER_VERSION,
  ApiVersion: "1.45",
  MinAPIVersion: "1.24",
  GoVersion: "go1.24.4",
  GitCommit: "411e817",
  BuildTime: "Thu Aug 13 05:35:47 2026",
  Os: "linux",
  Arch: "amd64",
};

const VERSION_TEXT = `Client:
 Version:           ${CLIENT.Version}
 API version:       ${CLIENT.ApiVersion} (downgraded from ${CLIENT.DefaultAPIVersion})
 Go version:        ${CLIENT.GoVersion}
 Git commit:        ${CLIENT.GitCommit}
 Built:             ${CLIENT.BuildTime}
 OS/Arch:           ${CLIENT.Os}/${CLIENT.Arch}
 Context:           ${CLIENT.Context}

Server:
 Engine:
  Version:          ${SERVER.Version}
  API version:      ${SERVER.ApiVersion} (minimum version ${SERVER.MinAPIVersion})
  Go version:       ${SERVER.GoVersion}
  Git commit:       ${SERVER.GitCommit}
  Built:            ${SERVER.BuildTime}
  OS/Arch:          ${SERVER.Os}/${SERVER.Arch}
  Experimental:     false
 containerd:
  Version:          1.7.24~ds1
  GitCommit:        1.7.24~ds1-6+deb13u1
 runc:
  Version:          1.1.5+ds1
  GitCommit:        1.1.5+ds1-1+deb12u1
 tini-static:
  Version:          0.19.0
  GitCommit:        
`;

const version: DockerCommand = {
  top: "version",
  common: 11,
  use: "[OPTIONS]",
  summary: "Show the Docker version information",
  flags: [flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" })],
  args: { none: true },
  run(ctx, { flags }) {
    const format = str(flags, "format");
    if (format === undefined) {
      ctx.out.write(VERSION_TEXT);
      return 0;
    }
    const fields = (o: Record<string, string>) =>
      Object.entries(o).map(([k, v]) => [k, goStr(v)] as [string, ReturnType<typeof goStr>]);
    const dot = goStruct("formatter.VersionInfo", [
      ["Client", goStruct("formatter.ClientVersion", fields(CLIENT))],
      ["Server", goStruct("types.Version", fields(SERVER))],
    ]);
    ctx.out.line(formatObject(format, dot));
    return 0;
  },
};

const info: DockerCommand = {
  top: "info",
  common: 12,
  group: ["system", "info"],
  use: "[OPTIONS]",
  summary: "Display system-wide information",
  aliases: "docker system info, docker info",
  flags: [flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" })],
  args: { none: true },
  run(ctx, { flags }) {
    const d = ctx.host.daemon;
    const running = d.containers.filter((c) => isRunning(c) && c.state.status !== "paused").length;
    const paused = d.containers.filter((c) => c.state.status === "paused").length;
    const format = str(flags, "format");
    if (format !== undefined) {
      const dot = goStruct("system.Info", [
        ["ID", goStr("5394fd5a-4f53-47ac-b57f-18e29dd64104")],
        ["Containers", goInt(d.containers.length)],
        ["ContainersRunning", goInt(running)],
        ["ContainersPaused", goInt(paused)],
        ["ContainersStopped", goInt(d.containers.length - running - paused)],
        ["Images", goInt(d.images.length)],
        ["Driver", goStr("overlay2")],
        ["LoggingDriver", goStr("json-file")],
        ["CgroupDriver", goStr("cgroupfs")],
        ["KernelVersion", goStr("6.18.44-fc-v595")],
        ["OperatingSystem", goStr("Debian GNU/Linux 12 (bookworm)")],
        ["OSType", goStr("linux")],
        ["Architecture", goStr("x86_64")],
        ["NCPU", goInt(2)],
        ["DockerRootDir", goStr("/var/lib/docker")],
        ["Name", goStr(ctx.host.machine.hostname)],
        ["ServerVersion", goStr(SERVER.Version)],
        ["DefaultRuntime", goStr("runc")],
        ["Swarm", swarmInfoValue(ctx.host)],
      ]);
      ctx.out.line(formatObject(format, dot));
      return 0;
    }
    ctx.out.write(`Client:
 Version:    ${CLIENT.Version}
 Context:    default
 Debug Mode: false

Server:
 Containers: ${d.containers.length}
  Running: ${running}
  Paused: ${paused}
  Stopped: ${d.containers.length - running - paused}
 Images: ${d.images.length}
 Server Version: ${SERVER.Version}
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: cgroupfs
 Cgroup Version: 1
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
${swarmInfoText(ctx.host)} Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: /usr/bin/tini-static
 containerd version: 1.7.24~ds1-6+deb13u1
 runc version: 1.1.5+ds1-1+deb12u1
 init version: 
 Security Options:
  seccomp
   Profile: builtin
 Kernel Version: 6.18.44-fc-v595
 Operating System: Debian GNU/Linux 12 (bookworm)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 23.54GiB
 Name: ${ctx.host.machine.hostname}
 ID: 5394fd5a-4f53-47ac-b57f-18e29dd64104
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  127.0.0.0/8
 Live Restore Enabled: false

`);
    return 0;
  },
};

/** What `system prune` warns it removes, as the client lists it (without and with -a). */
function systemWarning(flags: FlagValues): string {
  const images = bool(flags, "all")
    ? "all images without at least one container associated to them"
    : "all dangling images";
  const items = [
    "all stopped containers",
    "all networks not used by at least one container",
    images,
    bool(flags, "all") ? "all build cache" : "unused build cache",
  ];
  return `This will remove:\n${items.map((i) => `  - ${i}\n`).join("")}`;
}

/** `docker system prune`: stopped containers, then unused networks, then images, one report. */
const prune = pruneCommand(
  "system",
  "Remove unused data",
  systemWarning,
  (ctx, flags) => {
    const containers = pruneContainers(ctx);
    const networks = pruneNetworks(ctx.host);
    pruneReport(ctx, [
      ["Deleted Containers", containers],
      ["Deleted Networks", networks],
      ["Deleted Images", pruneImages(ctx, bool(flags, "all"))],
    ]);
  },
  [
    flag("all", "Remove all unused images not just dangling ones", { short: "a" }),
    flag("volumes", "Prune anonymous volumes"),
  ],
);

export const subcommands: DockerCommand[] = [version, info, prune];
