/**
 * rand() and srand(): both awks draw from glibc's random() (TYPE_3, the additive feedback generator
 * srandom() seeds). mawk divides one draw by RAND_MAX; busybox 1.35 makes 63 bits of three draws.
 * Without srand() the seed is the clock's seconds, as time(NULL) is for both.
 */
import type { Dialect } from "./value";

const RAND_MAX = 2 ** 31 - 1;

export class Random {
  private state: number[] = [];
  seed = 0;

  constructor(
    seed: number,
    readonly dialect: Dialect,
  ) {
    this.reseed(seed);
  }

  /** srandom(): the Lehmer sequence fills the table, then 310 sums are thrown away. */
  reseed(seed: number): void {
    this.seed = seed;
    const r: number[] = [seed >>> 0 === 0 ? 1 : seed | 0];
    for (let i = 1; i < 31; i++) {
      const prev = r[i - 1] ?? 1;
      const word = 16807 * (prev % 127773) - 2836 * Math.trunc(prev / 127773);
      r.push(word < 0 ? word + RAND_MAX : word);
    }
    // The table's next three are copies of its first three; the sums begin after them.
    this.state = [...r, r[0] ?? 1, r[1] ?? 0, r[2] ?? 0];
    for (let i = 0; i < 310; i++) this.next();
  }

  /** random(): the sum of the draws 31 and 3 back, its top 31 bits. */
  private next(): number {
    const r = this.state;
    const value = ((r[r.length - 31] ?? 0) + (r[r.length - 3] ?? 0)) | 0;
    r.push(value);
    r.shift();
    return value >>> 1;
  }

  draw(): number {
    if (this.dialect === "mawk") return this.next() / RAND_MAX;
    const low = ((this.next() << 16) ^ this.next()) >>> 0;
    const high = this.next();
    return (high * 2 ** 32 + low) / 2 ** 63;
  }
}
