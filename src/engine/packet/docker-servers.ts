/**
 * What a container's process serves, read from the daemon (with docker-resolver.ts, the only packet
 * code that does): the page its image's web server shows, and the filesystem its busybox httpd
 * serves files from.
 */
import { containerSpec } from "../docker/images";
import { containerById } from "../docker/lookup";
import type { Container } from "../docker/types";
import { readMachineFile } from "../files";
import type { Machine, World } from "../world";
import type { ImagePage, ServerFamily } from "./http";

/**
 * Where a process finds its files: its container's filesystem (Docker's /etc files included) and
 * working directory, or its machine's.
 */
export interface ProcessRoot {
  read: (path: string) => string | undefined;
  cwd: string;
  /** When the process's container started (a file's Last-Modified is never before it). */
  since: number;
}

function containerOfProcess(machine: Machine, pid: number): Container | undefined {
  const id = machine.procs[String(pid)]?.container;
  return containerById(machine.docker, id);
}

export function processRoot(world: World, machine: Machine, pid: number): ProcessRoot {
  const container = containerOfProcess(machine, pid);
  const read = (path: string) => readMachineFile(world, machine.name, container, undefined, path);
  return container
    ? { read, cwd: container.config.workingDir || "/", since: container.state.startedAt ?? 0 }
    : { read, cwd: "/", since: 0 };
}

/** The page an image's web server shows on `port`, when the process is that container's server. */
export function imagePage(machine: Machine, pid: number, port: number): ImagePage | undefined {
  const container = containerOfProcess(machine, pid);
  if (!container) return undefined;
  const spec = containerSpec(container);
  const http = spec.services.find((s) => s.port === port && s.http);
  if (!http?.http) return undefined;
  return {
    family: familyOf(http.program, spec.repo),
    server: http.http.server,
    contentType: http.http.contentType,
    body: http.http.body,
    modified: container.created - spec.ageDays * 86_400_000,
  };
}

function familyOf(program: string, repo: string): ServerFamily {
  if (program === "nginx") return "nginx";
  if (program === "java" || repo.includes("tomcat")) return "tomcat";
  if (program === "httpd") return "apache";
  return "plain";
}
