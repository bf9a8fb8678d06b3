/**
 * A signal sent to one process of a Docker host by `kill`, as the kernel delivers it: a container's
 * main process is its PID namespace's init, which gets only the signals it has a handler for
 * (servers handle TERM, INT and QUIT), except that SIGKILL (and SIGSTOP) sent from the host, an
 * ancestor namespace, always land; sent from inside the container nothing forces it. Its death
 * stops the container with the status Docker reports (128 + the signal), and the restart policy
 * applies: this is no `docker stop` or `docker kill`. Any other process a container runs (`docker
 * exec -d c sleep 300`) ends on any signal whose default action is to end it.
 */
import { mainExited } from "./containers";
import { type Host, kill } from "./host";

/** Signals whose default action is to ignore them or to stop (not end) the process. */
const HARMLESS = new Set([0, 17, 18, 19, 20, 21, 22, 23, 28]);
const SIGKILL = 9;

export type SignalOutcome = "delivered" | "no-such-process";

/** Sends `signo` to host PID `pid`; `fromHost`: the sender is outside the process's container. */
export function signalProcess(host: Host, pid: number, signo: number, fromHost: boolean): SignalOutcome {
  const proc = host.machine.procs[String(pid)];
  if (!proc) return "no-such-process";
  if (HARMLESS.has(signo)) return "delivered";
  const c = proc.container ? host.daemon.containers.find((x) => x.id === proc.container) : undefined;
  if (c && c.state.pid === pid) {
    if (signo === SIGKILL && fromHost) mainExited(host, c, 128 + SIGKILL);
    else if (c.main.handlesTerm && [2, 3, 15].includes(signo)) mainExited(host, c, c.main.termExitCode);
    return "delivered";
  }
  const ns = host.world.netns[proc.netns];
  if (ns) ns.sockets = ns.sockets.filter((s) => s.pid !== pid);
  kill(host, pid);
  return "delivered";
}
