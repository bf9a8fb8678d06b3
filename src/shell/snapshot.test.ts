import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "./lab";
import { packLab, unpackLab } from "./snapshot";

describe("a packed lab", () => {
  it("comes back the same and goes on the same", () => {
    const lab = createLab({ seed: 11 });
    run(lab, "docker network create mynet");
    run(lab, "docker run -itd --name web --net mynet busybox");
    run(lab, "docker exec -it web sh");
    const restored = unpackLab(packLab(lab));
    expect(restored).toEqual(lab);
    if (!restored) throw new Error("unpack failed");
    for (const line of ["ping -c 1 web", "exit", "docker ps", "ip addr"]) {
      expect(printed(run(restored, line))).toBe(printed(run(lab, line)));
    }
  });

  it("is refused when it is not a lab of this version", () => {
    const lab = createLab();
    const packed = packLab({ ...lab, world: { ...lab.world, version: lab.world.version + 1 } });
    expect(unpackLab(packed)).toBeUndefined();
    expect(unpackLab("lab1:not base64!")).toBeUndefined();
    expect(unpackLab('{"world":{}}')).toBeUndefined();
  });
});
