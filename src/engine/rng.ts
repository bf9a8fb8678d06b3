/**
 * The world's only source of randomness: sfc32, a small fast PRNG whose whole state is four
 * unsigned 32-bit integers kept inside the serializable world. Same seed, same commands, same world.
 */
export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  // splitmix32 spreads a small seed over the four words so that nearby seeds diverge at once.
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) nextU32(state);
  return state;
}

function nextU32(st: RngState): number {
  const [a, b, c, d] = st;
  const t = (((a + b) >>> 0) + d) >>> 0;
  st[3] = (d + 1) >>> 0;
  st[0] = (b ^ (b >>> 9)) >>> 0;
  st[1] = (c + (c << 3)) >>> 0;
  const r = ((c << 21) | (c >>> 11)) >>> 0;
  st[2] = (r + t) >>> 0;
  return t;
}

/** An integer in [min, max], both inclusive. */
export function randInt(st: RngState, min: number, max: number): number {
  return min + (nextU32(st) % (max - min + 1));
}

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** `digits` lowercase hex digits, eight from each 32-bit draw (the last draw's first ones). */
export function randHex(st: RngState, digits: number): string {
  let out = "";
  while (out.length < digits) {
    const n = nextU32(st);
    out += `${HEX_BYTES[n >>> 24]}${HEX_BYTES[(n >>> 16) & 255]}${HEX_BYTES[(n >>> 8) & 255]}${HEX_BYTES[n & 255]}`;
  }
  return out.length === digits ? out : out.slice(0, digits);
}

export function pick<T>(st: RngState, items: readonly T[]): T {
  const item = items[nextU32(st) % items.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
