/**
 * The player's pacing, driven with fake timers in Node: in Realtime a command's output comes when
 * the real tool would print it while its packets animate alongside; in Step by step a reply waits
 * for its packet; skip ends the animation; an endless ping keeps a bounded window of traces.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { flatHops } from "../playback/timeline";
import { useLab } from "./lab-store";
import { onPlayer, usePlayer } from "./player";
import { loadRuntime } from "./runtime-loader";

let printed = "";
let prompts = 0;

beforeAll(async () => {
  await loadRuntime();
  onPlayer((e) => {
    if (e.kind === "chunk") printed += e.chunk.text;
    else if (e.idle) prompts++;
  });
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  useLab.getState().reset();
  usePlayer.getState().setMode("realtime");
  usePlayer.getState().setSpeed(1);
  printed = "";
  prompts = 0;
});

afterEach(() => {
  usePlayer.getState().skip();
  vi.useRealTimers();
});

/** Types a line in the first tab, as the terminal does. */
function type(line: string) {
  const execution = useLab.getState().run("s1", line);
  usePlayer.getState().enqueue("s1", execution);
}

function setUp() {
  for (const line of [
    "docker network create mynet",
    "docker run -d --name c1 --network mynet busybox sleep 3600",
    "docker run -d --name c2 --network mynet busybox sleep 3600",
  ]) {
    type(line);
    vi.advanceTimersByTime(1000);
  }
  printed = "";
  prompts = 0;
}

describe("the player", () => {
  it("in Realtime prints a ping's replies a second apart and returns the prompt while the packets still move", () => {
    setUp();
    type("docker exec c1 ping -c 2 c2");
    vi.advanceTimersByTime(20);
    expect(printed).toMatch(/^PING c2 \(172\.18\.0\.3\): 56 data bytes\n64 bytes from 172\.18\.0\.3: seq=0 /);
    expect(printed).not.toContain("seq=1");
    expect(usePlayer.getState().animating).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(printed).toContain("2 packets transmitted, 2 packets received");
    expect(prompts).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(usePlayer.getState().animating).toBe(false);
  });

  it("in Step by step holds the reply line until its packet has arrived", () => {
    setUp();
    usePlayer.getState().setMode("step");
    type("docker exec c1 ping -c 1 c2");
    const { traces } = usePlayer.getState();
    const flat = flatHops(traces);
    const replyIn = flat.findIndex(
      (h) => h.at.packet.icmp?.type === "echo-reply" && h.at.decision === "delivered",
    );
    for (let i = 0; i < 400 && !printed.includes("64 bytes"); i++) {
      expect(usePlayer.getState().cursor).toBeLessThan(replyIn);
      vi.advanceTimersByTime(100);
    }
    expect(printed).toContain("64 bytes");
    expect(usePlayer.getState().cursor).toBeGreaterThanOrEqual(replyIn);
  });

  it("skips to the last hop at once", () => {
    setUp();
    type("docker exec c1 ping -c 1 c2");
    vi.advanceTimersByTime(50);
    expect(usePlayer.getState().animating).toBe(true);
    usePlayer.getState().skip();
    const { traces, cursor, animating } = usePlayer.getState();
    expect(animating).toBe(false);
    expect(cursor).toBe(flatHops(traces).length - 1);
  });

  it("keeps a bounded window of an endless ping's traces, however long it runs", () => {
    setUp();
    type("docker exec c1 ping c2");
    vi.advanceTimersByTime(200_000);
    expect(printed).toContain("seq=199");
    expect(usePlayer.getState().traces.length).toBeLessThanOrEqual(61);
    usePlayer.getState().interrupt("s1");
    vi.advanceTimersByTime(100);
    expect(printed).toMatch(/(\d+) packets transmitted, \1 packets received/);
  });
});
