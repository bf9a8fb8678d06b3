import { describe, expect, it } from "vitest";
import { detach } from "./detach";
import { createLab, run } from "./lab";
import { currentFrame } from "./session";

function labInMainShell() {
  const lab = createLab({ seed: 3 });
  run(lab, "docker run -it --name a1 alpine /bin/sh");
  const session = lab.sessions[0];
  if (!session) throw new Error("no session");
  return { lab, session };
}

describe("Ctrl+P Ctrl+Q", () => {
  it("leaves the main shell of `docker run -it` with the container still running, printing nothing", () => {
    const { lab, session } = labInMainShell();
    expect(currentFrame(session).main).toBe(true);
    const execution = detach(lab.world, session);
    expect(execution).toMatchObject({ chunks: [], exit: 0, pop: true });
    expect(session.frames).toHaveLength(1);
    expect(session.lastExit).toBe(0);
    const a1 = lab.world.machines.host1?.docker?.containers.find((c) => c.name === "a1");
    expect(a1?.state.status).toBe("running");
  });

  it("says `read escape sequence` and fails with 1 after `docker attach`, as the client does", () => {
    const { lab, session } = labInMainShell();
    currentFrame(session).attach = true;
    const execution = detach(lab.world, session);
    expect(execution?.chunks.map((c) => [c.stream, c.text])).toEqual([["err", "read escape sequence\n"]]);
    expect(execution?.exit).toBe(1);
    expect(session.lastExit).toBe(1);
  });

  it("does nothing in the host's shell", () => {
    const lab = createLab({ seed: 3 });
    const session = lab.sessions[0];
    if (!session) throw new Error("no session");
    expect(detach(lab.world, session)).toBeUndefined();
    expect(session.frames).toHaveLength(1);
  });
});
