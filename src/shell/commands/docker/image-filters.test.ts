import { describe, expect, it } from "vitest";
import type { LocalImage } from "../../../engine/docker/types";
import { filterImages } from "./image-filters";

const IMAGES: LocalImage[] = [
  { ref: "busybox:latest", id: "a4249bee943c", created: 100 },
  { ref: "nginx:1.25", id: "b5e1c3d4e5f6", created: 200 },
  { ref: "example/web:v2", id: "c0ffee000000", created: 300 },
];
const refs = (filters: string[]) => filterImages(IMAGES, filters, (i) => i.created, 26).map((i) => i.ref);

describe("docker images --filter", () => {
  it("matches a reference as path.Match does, against the name with and without its tag", () => {
    expect(refs(["reference=busybox"])).toEqual(["busybox:latest"]);
    expect(refs(["reference=*:latest"])).toEqual(["busybox:latest"]);
    expect(refs(["reference=ng?nx:1.*"])).toEqual(["nginx:1.25"]);
    expect(refs(["reference=[b-n]*"])).toEqual(["busybox:latest", "nginx:1.25"]);
    expect(refs(["reference=[^b]*"])).toEqual(["nginx:1.25"]);
    // `*` does not cross a slash.
    expect(refs(["reference=*"])).toEqual(["busybox:latest", "nginx:1.25"]);
    expect(refs(["reference=*/*"])).toEqual(["example/web:v2"]);
    expect(refs(["reference=busybox", "reference=nginx"])).toEqual(["busybox:latest", "nginx:1.25"]);
    expect(refs(["reference=docker.io/library/busybox"])).toEqual([]);
  });

  it("refuses a malformed pattern and a dangling value that is not a boolean, as the daemon does", () => {
    expect(() => refs(["reference=["])).toThrow("Error response from daemon: syntax error in pattern");
    expect(() => refs(["reference=a\\"])).toThrow("syntax error in pattern");
    expect(() => refs(["dangling=maybe"])).toThrow("invalid filter 'dangling=[maybe]'");
    expect(() => filterImages(IMAGES, ["dangling=1"], () => 0, 20)).toThrow("Invalid filter 'dangling=[1]'");
    expect(() => refs(["size=1"])).toThrow("invalid filter 'size'");
  });

  it("orders by creation for before and since, and names a missing image with its tag", () => {
    expect(refs(["before=nginx:1.25"])).toEqual(["busybox:latest"]);
    expect(refs(["since=nginx:1.25"])).toEqual(["example/web:v2"]);
    expect(refs(["since=busybox"])).toEqual(["nginx:1.25", "example/web:v2"]);
    expect(() => refs(["before=nosuch"])).toThrow("Error response from daemon: No such image: nosuch:latest");
  });

  it("finds no dangling or labelled image: the lab's images all have a tag and no labels", () => {
    expect(refs(["dangling=true"])).toEqual([]);
    expect(refs(["dangling=false"])).toEqual(IMAGES.map((i) => i.ref));
    expect(refs(["label=maintainer"])).toEqual([]);
  });
});
