/**
 * mawk 1.3.4's arrays (array.w), kept as mawk keeps them so that `for (k in a)` walks them in its
 * order: a vector while an array holds only what split() put there; then a hash table of 64 lists,
 * doubled past 12 entries a list on average, where a node sits on a list by its integer value
 * (when looked up by an integral number) and on one by its string's FNV-1a hash (once looked up by
 * a string, or walked). A lookup moves the node it finds to the front of its list; for-in walks
 * the string lists in table order.
 */
import type { Value } from "./value";

export interface Node {
  sval?: string;
  hval: number;
  ival?: number;
  value: Value;
  slink?: Node;
  ilink?: Node;
}

interface Lists {
  s?: Node;
  i?: Node;
}

const STARTING_HMASK = 63;
const MAX_AVE_LIST_LENGTH = 12;
const limitOf = (hmask: number) => (hmask + 1) * MAX_AVE_LIST_LENGTH;

/** mawk's hash2(): FNV-1a over the bytes. */
function fnv(text: string): number {
  let h = 2166136261;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 16777619) >>> 0;
  return h;
}

export class MawkArray {
  private split: Node[] | undefined;
  private table: Lists[] = [];
  private hmask = 0;
  private limit = 0;
  private hasInt = false;
  private hasStr = false;
  size = 0;

  /** split(): the array becomes a vector of the pieces. */
  load(values: Value[]): void {
    this.clear();
    this.split = values.map((value, k) => ({ hval: 0, ival: k + 1, value }));
    this.size = values.length;
  }

  clear(): void {
    this.split = undefined;
    this.table = [];
    this.hmask = 0;
    this.limit = 0;
    this.hasInt = false;
    this.hasStr = false;
    this.size = 0;
  }

  private emptyTable(): void {
    this.hmask = STARTING_HMASK;
    this.limit = limitOf(STARTING_HMASK);
    this.table = Array.from({ length: STARTING_HMASK + 1 }, () => ({}));
  }

  /** array_find(): the element's node, made when `create`; `ival` when the subscript is an integral number. */
  find(key: string, ival: number | undefined, create: boolean): Node | undefined {
    if (this.size === 0 && !create) return undefined;
    if (ival !== undefined) {
      if (this.split) {
        if (ival >= 1 && ival <= this.split.length) return this.split[ival - 1];
        if (!create) return undefined;
        this.convertSplit();
      } else if (!this.hasInt && !this.hasStr) {
        this.emptyTable();
      }
      return this.byInt(ival, create);
    }
    return this.byString(key, create);
  }

  /** The node `hit` picks on one list, moved to its front (mawk's lookups do so); undefined if none. */
  private seek(index: number, head: "s" | "i", hit: (p: Node) => boolean): Node | undefined {
    const link = head === "s" ? "slink" : "ilink";
    const list = this.table[index] as Lists;
    let q: Node | undefined;
    for (let p = list[head]; p; q = p, p = p[link]) {
      if (!hit(p)) continue;
      if (q) {
        q[link] = p[link];
        p[link] = list[head];
        list[head] = p;
      }
      return p;
    }
    return undefined;
  }

  /** A new node counts toward the limit that doubles the table. */
  private made(node: Node): Node {
    if (++this.size > this.limit) this.double();
    return node;
  }

  private byInt(ival: number, create: boolean): Node | undefined {
    const before = (ival >>> 0) & this.hmask;
    const found = this.seek(before, "i", (p) => p.ival === ival);
    if (found) return found;
    const viaString = this.hasStr;
    // Not on its integer list: it may be there by its string; else it is made.
    const p = this.hasStr
      ? this.byString(String(ival), create)
      : create
        ? this.made({ hval: 0, value: { strnum: "", uninit: true } })
        : undefined;
    if (!p) return undefined;
    p.ival = ival;
    this.hasInt = true;
    // mawk keeps the list it chose before a string lookup that doubled the table (find_by_ival).
    const list = this.table[viaString ? before : (ival >>> 0) & this.hmask] as Lists;
    p.ilink = list.i;
    list.i = p;
    return p;
  }

  private byString(key: string, create: boolean): Node | undefined {
    const hval = fnv(key);
    if (!this.hasStr) this.addStrings();
    const found = this.seek(hval & this.hmask, "s", (p) => p.hval === hval && p.sval === key);
    if (found || !create) return found;
    const p = this.made({ sval: key, hval, value: { strnum: "", uninit: true } });
    const list = this.table[hval & this.hmask] as Lists;
    p.slink = list.s;
    list.s = p;
    return p;
  }

  /** add_string_associations(): every node gets its string and joins a string list. */
  private addStrings(): void {
    if (!this.split && !this.hasInt) {
      this.emptyTable();
      this.hasStr = true;
      return;
    }
    if (this.split) this.convertSplit();
    for (let k = 0; k <= this.hmask; k++)
      for (let p = this.table[k]?.i; p; p = p.ilink) {
        p.sval = String(p.ival);
        p.hval = fnv(p.sval);
        const list = this.table[p.hval & this.hmask] as Lists;
        p.slink = list.s;
        list.s = p;
      }
    this.hasStr = true;
  }

  private convertSplit(): void {
    const cells = this.split ?? [];
    this.split = undefined;
    this.hmask = STARTING_HMASK;
    this.limit = limitOf(STARTING_HMASK);
    while (this.size > this.limit) {
      this.hmask = this.hmask * 2 + 1;
      this.limit = limitOf(this.hmask);
    }
    this.table = Array.from({ length: this.hmask + 1 }, () => ({}));
    let j = 1;
    for (const node of cells) {
      const list = this.table[j] as Lists;
      node.ilink = list.i;
      list.i = node;
      j = (j + 1) & this.hmask;
    }
    this.hasInt = true;
    this.hasStr = false;
  }

  /** double_the_hash_table(): each list split in two, the moved nodes keeping their order. */
  private double(): void {
    const old = this.hmask;
    const hmask = old * 2 + 1;
    for (let k = 0; k <= old; k++) this.table[old + 1 + k] = {};
    const splitList = (k: number, link: "slink" | "ilink", head: "s" | "i", slot: (p: Node) => number) => {
      const stay: Node[] = [];
      const move: Node[] = [];
      for (let p = this.table[k]?.[head]; p; p = p[link]) (slot(p) === k ? stay : move).push(p);
      const chain = (nodes: Node[]) => {
        nodes.forEach((n, x) => {
          n[link] = nodes[x + 1];
        });
        return nodes[0];
      };
      (this.table[k] as Lists)[head] = chain(stay);
      (this.table[k + old + 1] as Lists)[head] = chain(move);
    };
    for (let k = 0; k <= old; k++) {
      if (this.hasStr) splitList(k, "slink", "s", (p) => p.hval & hmask);
      if (this.hasInt) splitList(k, "ilink", "i", (p) => ((p.ival ?? 0) >>> 0) & hmask);
    }
    this.hmask = hmask;
    this.limit = limitOf(hmask);
  }

  delete(key: string, ival: number | undefined): void {
    if (this.size === 0) return;
    if (ival !== undefined) {
      if (this.split) {
        if (ival < 1 || ival > this.split.length) return;
        this.convertSplit();
      }
      const p = this.byInt(ival, false);
      if (!p) return;
      // byInt left it at the front of its integer list.
      (this.table[(ival >>> 0) & this.hmask] as Lists).i = p.ilink;
      if (p.sval !== undefined) this.unlink(p, "slink", "s", p.hval & this.hmask);
    } else {
      const p = this.byString(key, false);
      if (!p) return;
      (this.table[p.hval & this.hmask] as Lists).s = p.slink;
      if (p.ival !== undefined) this.unlink(p, "ilink", "i", (p.ival >>> 0) & this.hmask);
    }
    if (--this.size === 0) this.clear();
  }

  private unlink(node: Node, link: "slink" | "ilink", head: "s" | "i", index: number): void {
    const list = this.table[index] as Lists;
    if (list[head] === node) {
      list[head] = node[link];
      return;
    }
    for (let q = list[head]; q; q = q[link])
      if (q[link] === node) {
        q[link] = node[link];
        return;
      }
  }

  /** array_loop_vector(): the keys as for-in gives them. */
  keys(): string[] {
    if (this.size === 0) return [];
    if (!this.hasStr) this.addStrings();
    const keys: string[] = [];
    for (let k = 0; k <= this.hmask; k++)
      for (let p = this.table[k]?.s; p; p = p.slink) keys.push(p.sval ?? "");
    return keys;
  }
}
