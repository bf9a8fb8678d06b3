/**
 * Background jobs: what keeps running in a container after the command that started it returned,
 * with no terminal on it (a detached container's `sh -c 'sleep 2; exit 3'`, `docker exec -d … ping
 * -c 4`). A job is a live process kept in the world rather than in a session; run.ts resumes every
 * job up to the time the foreground reaches, so a `tcpdump` sees the packets a job sends meanwhile.
 */
import type { Ctx, Job } from "./types";

/**
 * Runs `body` (a program in a container frame); if it left a live process behind (a `sleep`, a
 * counted ping on a detached frame), that process becomes a job instead of holding the terminal.
 * Returns the exit status, or undefined while the job runs on.
 */
export function inBackground(ctx: Ctx, main: boolean, body: () => number): number | undefined {
  const before = ctx.effects.live;
  const exit = body();
  const live = ctx.effects.live;
  if (!live || live === before) return exit;
  ctx.effects.live = before;
  const job: Job = { process: live, ...(main ? { main: true } : {}) };
  ctx.world.jobs = [...(ctx.world.jobs ?? []), job];
  return undefined;
}
