/**
 * `docker version` and `docker info` as client 28.2.2 prints them against the recorded engine
 * 26.1.5 (Debian's build), with the lab's own counts, host name and data root. `info` lists the
 * sections the recording has; nothing is invented beyond it.
 */
import type { DockerEra } from "../../../engine/docker/era";
import { isRunning } from "../../../engine/docker/lookup";
import { pruneNetworks } from "../../../engine/docker/networks";
import { type GoValue, goInt, goPtr, goSlice, goStr, goStringMap, goStruct } from "../../format/go/value";
import { KERNEL_RELEASE } from "../system-info";
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

/** Engine and client 20.10.24 (Debian bookworm's build), as recorded (era/15-engine20). */
const CLIENT_20 = {
  Version: "20.10.24+dfsg1",
  ApiVersion: "1.41",
  DefaultAPIVersion: "1.41",
  GoVersion: "go1.19.8",
  GitCommit: "297e128",
  BuildTime: "Thu May  7 21:09:36 2026",
  Os: "linux",
  Arch: "amd64",
  Context: "default",
};

const SERVER_20 = {
  Version: "20.10.24+dfsg1",
  ApiVersion: "1.41",
  MinAPIVersion: "1.12",
  GoVersion: "go1.19.8",
  GitCommit: "5d6db84",
  BuildTime: "Thu May  7 21:09:36 2026",
  Os: "linux",
  Arch: "amd64",
};

/** The daemon's ID: a UUID since engine 23, a libtrust key ID before. */
function daemonId(era: DockerEra): string {
  return era === 20
    ? "LZL3:BLMR:NBO4:6BXG:JXHR:6JBF:OBGY:2SOP:KI5L:5CTZ:KLAO:CGY5"
    : "5394fd5a-4f53-47ac-b57f-18e29dd64104";
}

const RUNC = { version: "1.1.5+ds1", commit: "1.1.5+ds1-1+deb12u1" };

interface Release {
  client: typeof CLIENT;
  server: typeof SERVER;
  containerd: { version: string; commit: string };
  /** The init binary's component name (docker-init in 20.10, Debian's tini-static since). */
  init: string;
}

/** What each era's `docker version` reports. */
const RELEASES: Record<DockerEra, Release> = {
  26: {
    client: CLIENT,
    server: SERVER,
    containerd: { version: "1.7.24~ds1", commit: "1.7.24~ds1-6+deb13u1" },
    init: "tini-static",
  },
  20: {
    client: CLIENT_20,
    server: SERVER_20,
    containerd: { version: "1.6.20~ds1", commit: "1.6.20~ds1-1+deb12u3" },
    init: "docker-init",
  },
};

/** `docker version`; client 20.10 showed no API downgrade and its own Experimental line. */
function versionText({ client, server, containerd, init }: Release, era: DockerEra): string {
  const api =
    era === 26 ? `${client.ApiVersion} (downgraded from ${client.DefaultAPIVersion})` : client.ApiVersion;
  return `Client:
 Version:           ${client.Version}
 API version:       ${api}
 Go version:        ${client.GoVersion}
 Git commit:        ${client.GitCommit}
 Built:             ${client.BuildTime}
 OS/Arch:           ${client.Os}/${client.Arch}
 Context:           ${client.Context}
${era === 20 ? " Experimental:      true\n" : ""}
Server:
 Engine:
  Version:          ${server.Version}
  API version:      ${server.ApiVersion} (minimum version ${server.MinAPIVersion})
  Go version:       ${server.GoVersion}
  Git commit:       ${server.GitCommit}
  Built:            ${server.BuildTime}
  OS/Arch:          ${server.Os}/${server.Arch}
  Experimental:     false
 containerd:
  Version:          ${containerd.version}
  GitCommit:        ${containerd.commit}
 runc:
  Version:          ${RUNC.version}
  GitCommit:        ${RUNC.commit}
 ${init}:
  Version:          0.19.0
  GitCommit:        
`;
}

const version: DockerCommand = {
  top: "version",
  common: 11,
  use: "[OPTIONS]",
  summary: "Show the Docker version information",
  flags: [flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" })],
  args: { none: true },
  run(ctx, { flags }) {
    const format = str(flags, "format");
    const release = RELEASES[ctx.host.daemon.era];
    if (format === undefined) {
      ctx.out.write(versionText(release, ctx.host.daemon.era));
      return 0;
    }
    // The JSON key ApiVersion is the Go field APIVersion.
    const fields = (o: Record<string, string>) =>
      Object.entries(o).map(
        ([k, v]) =>
          [k === "ApiVersion" ? "APIVersion" : k, goStr(v), { json: k }] as [
            string,
            GoValue,
            { json: string },
          ],
      );
    const component = (name: string, version: string, commit: string | null) =>
      goStruct("types.ComponentVersion", [
        ["Name", goStr(name)],
        ["Version", goStr(version)],
        ["Details", goStringMap(commit === null ? null : { GitCommit: commit }), { omitempty: true }],
      ]);
    const components = goSlice("[]types.ComponentVersion", [
      component("Engine", release.server.Version, null),
      component("containerd", release.containerd.version, release.containerd.commit),
      component("runc", RUNC.version, RUNC.commit),
      component(release.init, "0.19.0", ""),
    ]);
    const server = goStruct("types.Version", [["Components", components], ...fields(release.server)]);
    const dot = goStruct("system.versionInfo", [
      ["Client", goStruct("system.clientVersion", fields(release.client))],
      ["Server", goPtr("*types.Version", server)],
    ]);
    formatObject(ctx.out, format, dot, ctx.host.daemon.era, "version");
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
      const info = goStruct("system.Info", [
        ["ID", goStr(daemonId(d.era))],
        ["Containers", goInt(d.containers.length)],
        ["ContainersRunning", goInt(running)],
        ["ContainersPaused", goInt(paused)],
        ["ContainersStopped", goInt(d.containers.length - running - paused)],
        ["Images", goInt(d.images.length)],
        ["Driver", goStr("overlay2")],
        ["LoggingDriver", goStr("json-file")],
        ["CgroupDriver", goStr("cgroupfs")],
        ["KernelVersion", goStr(KERNEL_RELEASE)],
        ["OperatingSystem", goStr("Debian GNU/Linux 12 (bookworm)")],
        ["OSType", goStr("linux")],
        ["Architecture", goStr("x86_64")],
        ["NCPU", goInt(2)],
        ["DockerRootDir", goStr("/var/lib/docker")],
        ["Name", goStr(ctx.host.machine.hostname)],
        ["ServerVersion", goStr(RELEASES[d.era].server.Version)],
        ["DefaultRuntime", goStr("runc")],
        ["Swarm", swarmInfoValue(ctx.host)],
      ]);
      // The client's dockerInfo embeds the daemon's Info.
      // The client's info embeds the daemon's Info (client 20.10 named its type "info").
      const type = d.era === 20 ? "system.info" : "system.dockerInfo";
      const dot = goStruct(type, [["Info", goPtr("*system.Info", info), { embedded: true }]]);
      formatObject(ctx.out, format, dot, ctx.host.daemon.era);
      return 0;
    }
    const era20 = d.era === 20;
    const release = RELEASES[d.era];
    // Client 20.10 printed no client version here; engine 20.10 had no metacopy line, logentries,
    // the v1 runtime shim, docker-init and the "default" seccomp profile, and it listed the registry.
    ctx.out.write(`Client:
${era20 ? "" : ` Version:    ${CLIENT.Version}\n`} Context:    default
 Debug Mode: false

Server:
 Containers: ${d.containers.length}
  Running: ${running}
  Paused: ${paused}
  Stopped: ${d.containers.length - running - paused}
 Images: ${d.images.length}
 Server Version: ${release.server.Version}
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
${era20 ? "" : "  Using metacopy: false\n"}  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: cgroupfs
 Cgroup Version: 1
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local ${era20 ? "logentries " : ""}splunk syslog
${swarmInfoText(ctx.host)} Runtimes: io.containerd.runc.v2 ${era20 ? "io.containerd.runtime.v1.linux " : ""}runc
 Default Runtime: runc
 Init Binary: ${era20 ? "docker-init" : "/usr/bin/tini-static"}
 containerd version: ${release.containerd.commit}
 runc version: 1.1.5+ds1-1+deb12u1
 init version: 
 Security Options:
  seccomp
   Profile: ${era20 ? "default" : "builtin"}
 Kernel Version: ${KERNEL_RELEASE}
 Operating System: Debian GNU/Linux 12 (bookworm)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 23.54GiB
 Name: ${ctx.host.machine.hostname}
 ID: ${daemonId(d.era)}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
${era20 ? " Registry: https://index.docker.io/v1/\n Labels:\n" : ""} Experimental: false
 Insecure Registries:
  127.0.0.0/8
 Live Restore Enabled: false

`);
    return 0;
  },
};

/** What `system prune` warns it removes, as the client lists it (without and with -a). */
function systemWarning(flags: FlagValues, era: DockerEra): string {
  const images = bool(flags, "all")
    ? "all images without at least one container associated to them"
    : "all dangling images";
  const items = [
    "all stopped containers",
    "all networks not used by at least one container",
    images,
    bool(flags, "all") ? "all build cache" : era === 20 ? "all dangling build cache" : "unused build cache",
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
