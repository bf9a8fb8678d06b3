import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { crc32, md5, sha1, sha3, sha256, sha512 } from "./digests";

it("d", () => {
  const e = new TextEncoder();
  for (const s of ["", "hello\n", "abc", "x".repeat(1000), "a".repeat(200)]) {
    const d = e.encode(s);
    expect(md5(d)).toBe(createHash("md5").update(d).digest("hex"));
    expect(sha1(d)).toBe(createHash("sha1").update(d).digest("hex"));
    expect(sha256(d)).toBe(createHash("sha256").update(d).digest("hex"));
    expect(sha512(d)).toBe(createHash("sha512").update(d).digest("hex"));
    for (const b of [224, 256, 384, 512])
      expect(sha3(d, b)).toBe(createHash(`sha3-${b}`).update(d).digest("hex"));
  }
  expect(crc32(e.encode("hello\n"))).toBe("363a3020");
  expect(crc32(e.encode("abc"))).toBe("352441c2");
});
