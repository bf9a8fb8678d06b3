/**
 * The digests md5sum, sha1sum, sha256sum, sha512sum, sha3sum and crc32 print, computed here over a
 * file's bytes: the shell runs in the page, where Node's crypto is not, and WebCrypto is
 * asynchronous and has neither MD5 nor SHA-3. Each is the published algorithm (RFC 1321, FIPS 180-4,
 * FIPS 202, the zlib CRC-32), checked against the recorded sums and the standards' test vectors.
 */

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The message padded for the MD5/SHA-1/SHA-2 family: 0x80, zeros, the bit length in `lengthBytes`. */
function padded(data: Uint8Array, block: number, lengthBytes: number, littleEndian: boolean): Uint8Array {
  const total = Math.ceil((data.length + 1 + lengthBytes) / block) * block;
  const out = new Uint8Array(total);
  out.set(data);
  out[data.length] = 0x80;
  const bits = BigInt(data.length) * 8n;
  for (let i = 0; i < 8; i++) {
    const byte = Number((bits >> BigInt(8 * i)) & 0xffn);
    out[littleEndian ? total - lengthBytes + i : total - 1 - i] = byte;
  }
  return out;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

const MD5_SHIFT = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

export function md5(data: Uint8Array): string {
  const m = padded(data, 64, 8, true);
  const view = new DataView(m.buffer);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let off = 0; off < m.length; off += 64) {
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = [(b & c) | (~b & d), (d & b) | (~d & c), b ^ c ^ d, c ^ (b | ~d)][round] ?? 0;
      const g = [i, (5 * i + 1) % 16, (3 * i + 5) % 16, (7 * i) % 16][round] ?? 0;
      const sum = (a + f + (MD5_K[i] ?? 0) + view.getUint32(off + g * 4, true)) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotl(sum, MD5_SHIFT[round * 4 + (i % 4)] ?? 0)) | 0;
    }
    h[0] = ((h[0] ?? 0) + a) | 0;
    h[1] = ((h[1] ?? 0) + b) | 0;
    h[2] = ((h[2] ?? 0) + c) | 0;
    h[3] = ((h[3] ?? 0) + d) | 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  h.forEach((x, i) => {
    out.setUint32(i * 4, x, true);
  });
  return hex(new Uint8Array(out.buffer));
}

const bigEndian = (h: number[]) => {
  const out = new DataView(new ArrayBuffer(h.length * 4));
  h.forEach((x, i) => {
    out.setUint32(i * 4, x);
  });
  return hex(new Uint8Array(out.buffer));
};

export function sha1(data: Uint8Array): string {
  const m = padded(data, 64, 8, false);
  const view = new DataView(m.buffer);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 80; i++)
      w[i] =
        i < 16
          ? view.getUint32(off + i * 4)
          : rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    [a, b, c, d, e].forEach((x, i) => {
      h[i] = ((h[i] ?? 0) + x) | 0;
    });
  }
  return bigEndian(h);
}

const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

export function sha256(data: Uint8Array): string {
  const m = padded(data, 64, 8, false);
  const view = new DataView(m.buffer);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = view.getUint32(off + i * 4);
      else {
        const x = w[i - 15] ?? 0;
        const y = w[i - 2] ?? 0;
        const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
        const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
        w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (SHA256_K[i] ?? 0) +
          (w[i] ?? 0)) |
        0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => {
      h[i] = ((h[i] ?? 0) + x) | 0;
    });
  }
  return bigEndian(h);
}

/** SHA-512's 80 constants: the first 64 bits of the fractional parts of the first 80 primes' cube roots. */
const SHA512_K = `428a2f98d728ae22 7137449123ef65cd b5c0fbcfec4d3b2f e9b5dba58189dbbc 3956c25bf348b538
59f111f1b605d019 923f82a4af194f9b ab1c5ed5da6d8118 d807aa98a3030242 12835b0145706fbe 243185be4ee4b28c
550c7dc3d5ffb4e2 72be5d74f27b896f 80deb1fe3b1696b1 9bdc06a725c71235 c19bf174cf692694 e49b69c19ef14ad2
efbe4786384f25e3 0fc19dc68b8cd5b5 240ca1cc77ac9c65 2de92c6f592b0275 4a7484aa6ea6e483 5cb0a9dcbd41fbd4
76f988da831153b5 983e5152ee66dfab a831c66d2db43210 b00327c898fb213f bf597fc7beef0ee4 c6e00bf33da88fc2
d5a79147930aa725 06ca6351e003826f 142929670a0e6e70 27b70a8546d22ffc 2e1b21385c26c926 4d2c6dfc5ac42aed
53380d139d95b3df 650a73548baf63de 766a0abb3c77b2a8 81c2c92e47edaee6 92722c851482353b a2bfe8a14cf10364
a81a664bbc423001 c24b8b70d0f89791 c76c51a30654be30 d192e819d6ef5218 d69906245565a910 f40e35855771202a
106aa07032bbd1b8 19a4c116b8d2d0c8 1e376c085141ab53 2748774cdf8eeb99 34b0bcb5e19b48a8 391c0cb3c5c95a63
4ed8aa4ae3418acb 5b9cca4f7763e373 682e6ff3d6b2b8a3 748f82ee5defb2fc 78a5636f43172f60 84c87814a1f0ab72
8cc702081a6439ec 90befffa23631e28 a4506cebde82bde9 bef9a3f7b2c67915 c67178f2e372532b ca273eceea26619c
d186b8c721c0c207 eada7dd6cde0eb1e f57d4f7fee6ed178 06f067aa72176fba 0a637dc5a2c898a6 113f9804bef90dae
1b710b35131c471b 28db77f523047d84 32caab7b40c72493 3c9ebe0a15c9bebc 431d67c49c100d4c 4cc5d4becb3e42b6
597f299cfc657e2a 5fcb6fab3ad6faec 6c44198c4a475817`
  .split(/\s+/)
  .map((x) => BigInt(`0x${x}`));

const rotr64 = (x: bigint, n: bigint) => BigInt.asUintN(64, (x >> n) | (x << (64n - n)));

export function sha512(data: Uint8Array): string {
  const m = padded(data, 128, 16, false);
  const view = new DataView(m.buffer);
  const h = [
    0x6a09e667f3bcc908n,
    0xbb67ae8584caa73bn,
    0x3c6ef372fe94f82bn,
    0xa54ff53a5f1d36f1n,
    0x510e527fade682d1n,
    0x9b05688c2b3e6c1fn,
    0x1f83d9abfb41bd6bn,
    0x5be0cd19137e2179n,
  ];
  const w = new Array<bigint>(80);
  const add = (...xs: bigint[]) =>
    BigInt.asUintN(
      64,
      xs.reduce((s, x) => s + x, 0n),
    );
  for (let off = 0; off < m.length; off += 128) {
    for (let i = 0; i < 80; i++) {
      if (i < 16) w[i] = view.getBigUint64(off + i * 8);
      else {
        const x = w[i - 15] ?? 0n;
        const y = w[i - 2] ?? 0n;
        const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
        const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
        w[i] = add(w[i - 16] ?? 0n, s0, w[i - 7] ?? 0n, s1);
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let i = 0; i < 80; i++) {
      const s1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (BigInt.asUintN(64, ~e) & g);
      const t1 = add(hh, s1, ch, SHA512_K[i] ?? 0n, w[i] ?? 0n);
      const s0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const t2 = add(s0, (a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = add(d, t1);
      d = c;
      c = b;
      b = a;
      a = add(t1, t2);
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => {
      h[i] = add(h[i] ?? 0n, x);
    });
  }
  return h.map((x) => x.toString(16).padStart(16, "0")).join("");
}

/** Keccak-f[1600]'s round constants and rotation offsets (FIPS 202, 3.2). */
const KECCAK_RC = `0000000000000001 0000000000008082 800000000000808a 8000000080008000 000000000000808b
0000000080000001 8000000080008081 8000000000008009 000000000000008a 0000000000000088 0000000080008009
000000008000000a 000000008000808b 800000000000008b 8000000000008089 8000000000008003 8000000000008002
8000000000000080 000000000000800a 800000008000000a 8000000080008081 8000000000008080 0000000080000001
8000000080008008`
  .split(/\s+/)
  .map((x) => BigInt(`0x${x}`));
const KECCAK_ROT = [
  0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
].map(BigInt);

const rotl64 = (x: bigint, n: bigint) => (n === 0n ? x : BigInt.asUintN(64, (x << n) | (x >> (64n - n))));

function keccakF(s: bigint[]): void {
  for (const rc of KECCAK_RC) {
    const c = [0, 1, 2, 3, 4].map((x) => [0, 5, 10, 15, 20].reduce((acc, y) => acc ^ (s[x + y] ?? 0n), 0n));
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] ?? 0n) ^ rotl64(c[(x + 1) % 5] ?? 0n, 1n);
      for (let y = 0; y < 25; y += 5) s[x + y] = (s[x + y] ?? 0n) ^ d;
    }
    const b = new Array<bigint>(25);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++)
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(s[x + 5 * y] ?? 0n, KECCAK_ROT[x + 5 * y] ?? 0n);
    for (let i = 0; i < 25; i++) {
      const x = i % 5;
      const y = i - x;
      s[i] =
        (b[i] ?? 0n) ^ (BigInt.asUintN(64, ~(b[y + ((x + 1) % 5)] ?? 0n)) & (b[y + ((x + 2) % 5)] ?? 0n));
    }
    s[0] = (s[0] ?? 0n) ^ rc;
  }
}

/** SHA3-`bits` (224, 256, 384 or 512): the sponge over Keccak-f[1600] with the 0x06 domain padding. */
export function sha3(data: Uint8Array, bits: number): string {
  const rate = 200 - (2 * bits) / 8;
  const m = new Uint8Array(Math.ceil((data.length + 1) / rate) * rate);
  m.set(data);
  m[data.length] = 0x06;
  m[m.length - 1] = (m[m.length - 1] ?? 0) | 0x80;
  const view = new DataView(m.buffer);
  const s = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < m.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) s[i] = (s[i] ?? 0n) ^ view.getBigUint64(off + i * 8, true);
    keccakF(s);
  }
  const out = new DataView(new ArrayBuffer(200));
  s.forEach((x, i) => {
    out.setBigUint64(i * 8, x, true);
  });
  return hex(new Uint8Array(out.buffer, 0, bits / 8));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The zlib CRC-32 (reflected, polynomial 0xEDB88320), as busybox's crc32 prints it: 8 hex digits. */
export function crc32(data: Uint8Array): string {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
}

/**
 * The bytes a lab text stands for. The shell keeps text as strings; printf's `\303\251` leaves one
 * character per byte, which is kept as those bytes when they form UTF-8, while typed text is UTF-8 encoded.
 */
export function bytesOf(text: string): Uint8Array {
  if (/^[\0-\xff]*$/.test(text) && /[\x80-\xff]/.test(text)) {
    const raw = Uint8Array.from(text, (c) => c.charCodeAt(0));
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(raw);
      return raw;
    } catch {
      // not UTF-8 as bytes: typed characters such as é
    }
  }
  return new TextEncoder().encode(text);
}
