import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../lab";
import { interruptLive, resumeLive } from "../run";

const ESC = "\x1b";
/** Escapes made readable, so that patterns can name them. */
const shown = (text: string) => text.replaceAll(ESC, "ESC");

function lab() {
  const l = createLab({ seed: 4 });
  run(l, "docker run -d --name c1 busybox sleep 3600");
  return l;
}

describe("watch", () => {
  it("on the host takes the alternate screen, redraws every interval with its title, and gives the screen back", () => {
    const l = lab();
    const session = l.sessions[0];
    const started = run(l, "watch -n 1 docker ps --format '{{.Names}}'");
    if (!session || !started.live) throw new Error("watch should keep running");
    const first = printed(started);
    expect(first.startsWith(`${ESC}[?1049h${ESC}[H${ESC}[2JEvery 1.0s: docker ps --format {{.Names}}`)).toBe(
      true,
    );
    expect(first).toMatch(
      / {2,}host1: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\nc1\n$/,
    );
    // The title line fills the 80 columns, the date at the right.
    expect(first.split("\n")[0]?.replace(`${ESC}[?1049h${ESC}[H${ESC}[2J`, "")).toHaveLength(80);
    run(l, "docker run -d --name c2 busybox sleep 3600", "s1");
    const next = printed(resumeLive(l.world, session, started.live, l.world.clock + 1000));
    expect(next).toMatch(/\n\nc2\nc1\n$/);
    const stopped = interruptLive(l.world, session, started.live);
    expect(printed(stopped).endsWith(`${ESC}[?1049l`)).toBe(true);
    expect(stopped.exit).toBe(0);
  });

  it("in busybox redraws in place, title padded to the width less one, and dies of Ctrl+C", () => {
    const l = lab();
    const session = l.sessions[0];
    run(l, "docker exec -it c1 sh");
    const started = run(l, "watch -n 1 hostname");
    if (!session || !started.live) throw new Error("watch should keep running");
    const screen = printed(started);
    expect(shown(screen)).toMatch(
      /^ESC\[HESC\[JEvery 1\.0s: hostname +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\n[0-9a-f]{12}\n$/,
    );
    expect(screen.split("\n")[0]?.replace(`${ESC}[H${ESC}[J`, "")).toHaveLength(79);
    expect(interruptLive(l.world, session, started.live).exit).toBe(130);
  });

  it("exits when the output changes with -g, and highlights changes with -d", () => {
    const l = lab();
    const session = l.sessions[0];
    const started = run(l, "watch -g -n 1 docker ps -q");
    if (!session || !started.live) throw new Error("watch should keep running");
    run(l, "docker rm -f c1");
    const ended = resumeLive(l.world, session, started.live, l.world.clock + 1000);
    expect(ended.live).toBeUndefined();
    expect(ended.exit).toBe(0);
    expect(printed(ended).endsWith(`${ESC}[?1049l`)).toBe(true);
    const marked = run(l, "watch -d -n 1 'docker ps -a --format {{.Status}}'");
    if (!marked.live) throw new Error("watch should keep running");
    run(l, "docker run -d --name c3 busybox true");
    const redrawn = printed(resumeLive(l.world, session, marked.live, l.world.clock + 1000));
    expect(redrawn).toContain(`${ESC}[7m`);
    interruptLive(l.world, session, marked.live);
  });

  it("refuses what procps and busybox refuse, in their words", () => {
    const l = lab();
    expect(run(l, "watch -n abc date")).toMatchObject({
      exit: 1,
      chunks: [{ text: "watch: failed to parse argument: 'abc': Invalid argument\n" }],
    });
    const usage = run(l, "watch");
    expect(usage.exit).toBe(1);
    expect(printed(usage)).toContain("Usage:\n watch [options] command\n");
    expect(printed(run(l, "watch -z date")).split("\n")[0]).toBe("watch: invalid option -- 'z'");
    expect(printed(run(l, "docker exec c1 watch -n abc date"))).toBe("watch: invalid number 'abc'\n");
    expect(printed(run(l, "docker exec c1 watch"))).toContain("Usage: watch [-n SEC] [-t] PROG ARGS");
  });
});
