/**
 * awk's arrays, kept in the order `for (k in a)` walks them. busybox 1.35 walks its hash table
 * (editors/awk.c): buckets in order, newest first within one; 61 buckets at first, rebuilt to 251,
 * 1021 … once there are more than ten elements a bucket. mawk walks its own tables (array.c) in an
 * order the lab does not model: it walks keys in the order they were made.
 */
import type { Dialect, Value } from "./value";

const FIRST_PRIME = 61;
const PRIMES = [251, 1021, 4093, 16381, 65521];

/** busybox's hashidx(): idx = c + idx * 63, in 32 bits, over the key's bytes. */
function hashIndex(key: string): number {
  let idx = 0;
  for (const byte of new TextEncoder().encode(key)) idx = (byte + Math.imul(idx, 63)) >>> 0;
  return idx;
}

export class AwkArray {
  private readonly values = new Map<string, Value>();
  /** busybox's buckets, each newest first. */
  private buckets: string[][] = [];
  private nprime = 0;
  private count = 0;

  constructor(readonly dialect: Dialect) {
    this.reset();
  }

  private reset(): void {
    this.buckets = Array.from({ length: FIRST_PRIME }, () => []);
    this.nprime = 0;
    this.count = 0;
  }

  get size(): number {
    return this.values.size;
  }
  has(key: string): boolean {
    return this.values.has(key);
  }
  get(key: string): Value | undefined {
    return this.values.get(key);
  }

  set(key: string, value: Value): void {
    if (!this.values.has(key) && this.dialect === "busybox") this.insert(key);
    this.values.set(key, value);
  }

  private insert(key: string): void {
    this.count++;
    if (Math.trunc(this.count / this.buckets.length) > 10 && this.nprime < PRIMES.length) {
      const size = PRIMES[this.nprime++] ?? FIRST_PRIME;
      const next: string[][] = Array.from({ length: size }, () => []);
      // The rebuild walks each old chain from its head, putting each key at the head of its new chain.
      for (const chain of this.buckets) for (const k of chain) next[hashIndex(k) % size]?.unshift(k);
      this.buckets = next;
    }
    this.buckets[hashIndex(key) % this.buckets.length]?.unshift(key);
  }

  delete(key: string): void {
    if (!this.values.delete(key) || this.dialect !== "busybox") return;
    const chain = this.buckets[hashIndex(key) % this.buckets.length];
    chain?.splice(chain.indexOf(key), 1);
    this.count--;
  }

  /** `delete a`: busybox empties its buckets but keeps their number. */
  clear(): void {
    this.values.clear();
    this.buckets = this.buckets.map(() => []);
    this.count = 0;
  }

  /** The keys in the order `for (k in a)` gives them, taken once before the loop starts. */
  keys(): string[] {
    return this.dialect === "busybox" ? this.buckets.flat() : [...this.values.keys()];
  }
}
