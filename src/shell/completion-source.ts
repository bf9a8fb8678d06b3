/** What Tab can offer where a shell is: read from the world (commands, the daemon's objects, known files). */
import type { World } from "../engine/world";
import { COMMANDS } from "./commands";
import { NETNS_DIR, namedNetns } from "./commands/linux/netns-names";
import { dirExists, readFile, STANDARD_DIRS } from "./files";
import { containerOf, placeOf } from "./place";
import type { CompletionSpec, Frame } from "./types";

interface ContainerInfo {
  id: string;
  name: string;
  status: string;
}

/** What can be completed where the cursor is: the place's commands, the daemon's objects, files. */
export interface CompletionSource {
  commands: string[];
  /** What follows the commands that say (the others take file paths), by name. */
  specs: Record<string, CompletionSpec>;
  containers: ContainerInfo[];
  networks: string[];
  /** Local images as `repository:tag`. */
  images: string[];
  /** Named network namespaces (`ip netns add red`). */
  netns: string[];
  /** Absolute paths of files and directories the lab knows; directories end with "/". */
  paths: string[];
  cwd: string;
}

/** Files the lab can show on any machine, offered when the place can read them. */
const WELL_KNOWN_FILES = ["/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/proc/sys/net/ipv4/ip_forward"];

function knownPaths(world: World, frame: Frame, netns: string[]): string[] {
  const machine = world.machines[frame.machine];
  const container = containerOf(world, frame);
  const written = container ? Object.keys(container.files) : Object.keys(machine?.fs.files ?? {});
  const files = [...WELL_KNOWN_FILES.filter((p) => readFile(world, frame, p) !== undefined), ...written];
  // The root is where an absolute path starts, not a candidate of its own.
  const standard = STANDARD_DIRS.filter((d) => d !== "/");
  const dirs = [...standard, ...(container ? [] : (machine?.fs.dirs ?? []))].filter((d) =>
    dirExists(world, frame, d),
  );
  return [...files, ...netns.map((n) => `${NETNS_DIR}/${n}`), ...dirs.map((d) => `${d}/`)];
}

export function completionSource(world: World, frame: Frame): CompletionSource {
  const commands = COMMANDS.names(placeOf(world, frame));
  const machine = world.machines[frame.machine];
  const daemon = machine?.docker;
  // Namespace names are the host's /var/run/netns; a container sees its own filesystem.
  const netns = machine && !frame.container ? namedNetns(world, machine).map((n) => n.name) : [];
  return {
    commands,
    specs: Object.fromEntries(
      commands.flatMap((name) => {
        const spec = COMMANDS.named(name)?.completion;
        return spec ? [[name, spec]] : [];
      }),
    ),
    containers: (daemon?.containers ?? []).map((c) => ({ id: c.id, name: c.name, status: c.state.status })),
    networks: (daemon?.networks ?? []).map((n) => n.name),
    images: (daemon?.images ?? []).map((i) => i.ref),
    netns,
    paths: knownPaths(world, frame, netns),
    cwd: frame.cwd,
  };
}
