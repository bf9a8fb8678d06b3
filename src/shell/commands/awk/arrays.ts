/**
 * awk's arrays, each kept as its awk keeps it, so that `for (k in a)` walks them in the same order:
 * busybox 1.35's hash table here, mawk's tables in mawk-array.ts. A lookup is told the subscript's
 * integral number when it has one (mawk files those apart).
 */
import { MawkArray, type Node } from "./mawk-array";
import type { Dialect, Value } from "./value";

export interface AwkArray {
  readonly size: number;
  find(key: string, ival: number | undefined, create: boolean): { value: Value } | undefined;
  delete(key: string, ival: number | undefined): void;
  clear(): void;
  load(values: Value[]): void;
  keys(): string[];
}

const FIRST_PRIME = 61;
const PRIMES = [251, 1021, 4093, 16381, 65521];

/** busybox's hashidx(): idx = c + idx * 63, in 32 bits, over the key's bytes. */
function hashIndex(key: string): number {
  let idx = 0;
  for (const byte of new TextEncoder().encode(key)) idx = (byte + Math.imul(idx, 63)) >>> 0;
  return idx;
}

/**
 * busybox (editors/awk.c) walks its buckets in order, newest first within one; 61 buckets at
 * first, rebuilt to 251, 1021 … once there are more than eight elements a bucket.
 */
class BusyboxArray implements AwkArray {
  private readonly values = new Map<string, Pick<Node, "value">>();
  private buckets: string[][] = Array.from({ length: FIRST_PRIME }, () => []);
  private nprime = 0;
  private count = 0;

  get size(): number {
    return this.values.size;
  }

  find(key: string, _ival: number | undefined, create: boolean): { value: Value } | undefined {
    let node = this.values.get(key);
    if (!node && create) {
      node = { value: { strnum: "", uninit: true } };
      this.values.set(key, node);
      this.insert(key);
    }
    return node;
  }

  private insert(key: string): void {
    this.count++;
    if (this.count > this.buckets.length * 8 && this.nprime < PRIMES.length) {
      const size = PRIMES[this.nprime++] ?? FIRST_PRIME;
      const next: string[][] = Array.from({ length: size }, () => []);
      // The rebuild walks each old chain from its head, putting each key at the head of its new chain.
      for (const chain of this.buckets) for (const k of chain) next[hashIndex(k) % size]?.unshift(k);
      this.buckets = next;
    }
    this.buckets[hashIndex(key) % this.buckets.length]?.unshift(key);
  }

  delete(key: string): void {
    if (!this.values.delete(key)) return;
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

  load(values: Value[]): void {
    this.clear();
    values.forEach((value, k) => {
      const node = this.find(String(k + 1), undefined, true);
      if (node) node.value = value;
    });
  }

  keys(): string[] {
    return this.buckets.flat();
  }
}

export function newArray(dialect: Dialect): AwkArray {
  return dialect === "busybox" ? new BusyboxArray() : new MawkArray();
}
