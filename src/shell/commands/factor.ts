/**
 * factor: the prime factors of each number (operands, or the words of stdin), busybox's for numbers
 * up to 2^64-1 (anything else is bad usage), GNU's for any size (a bad word is reported and skipped).
 */
import { ToolExit } from "../command";
import type { Command, Handler } from "../types";
import { busyboxUsage } from "./busybox";

const MAX64 = 2n ** 64n - 1n;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** Miller-Rabin with the first twelve primes as witnesses: exact below 3.3e24, and a sure guess above. */
function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  const small = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];
  for (const p of small) if (n % p === 0n) return n === p;
  let d = n - 1n;
  let s = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    s++;
  }
  return small.every((a) => {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) return true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) return true;
    }
    return false;
  });
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** A factor of a composite n (Pollard's rho, Floyd's cycle, constants tried in turn). */
function rho(n: bigint): bigint {
  for (let c = 1n; ; c++) {
    const f = (x: bigint) => (x * x + c) % n;
    let x = 2n;
    let y = 2n;
    let d = 1n;
    while (d === 1n) {
      x = f(x);
      y = f(f(y));
      d = gcd(x > y ? x - y : y - x, n);
    }
    if (d !== n) return d;
  }
}

/** The prime factors of n, smallest first. */
export function primeFactors(n: bigint): bigint[] {
  const out: bigint[] = [];
  if (n < 2n) return out;
  let rest = n;
  for (const p of [2n, 3n, 5n])
    while (rest % p === 0n && rest > 1n) {
      out.push(p);
      rest /= p;
    }
  for (let p = 7n; p * p <= rest && p < 10000n; p += 2n)
    while (rest % p === 0n) {
      out.push(p);
      rest /= p;
    }
  const split = (m: bigint): void => {
    if (m === 1n) return;
    if (isPrime(m)) {
      out.push(m);
      return;
    }
    const d = rho(m);
    split(d);
    split(m / d);
  };
  split(rest);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const factor: Handler = (ctx) => {
  const bb = ctx.place.flavor === "busybox";
  let args = ctx.argv.slice(1);
  // GNU's factor reads options (it has only --help and --version): `-5` is one it does not know.
  if (!bb) {
    const end = args.indexOf("--");
    const option = args.slice(0, end < 0 ? undefined : end).find((a) => /^-./.test(a));
    if (option !== undefined)
      throw new ToolExit(
        1,
        `factor: invalid option -- '${option[1]}'\nTry 'factor --help' for more information.\n`,
      );
    if (end >= 0) args = [...args.slice(0, end), ...args.slice(end + 1)];
  }
  const words = args.length > 0 ? args : ctx.stdin.split(/\s+/).filter(Boolean);
  let status = 0;
  for (const word of words) {
    const n = /^\+?\d+$/.test(word.trim()) ? BigInt(word.trim()) : undefined;
    if (n === undefined || (bb && n > MAX64)) {
      if (bb) throw busyboxUsage("factor");
      ctx.out.error(`factor: ‘${word}’ is not a valid positive integer`);
      status = 1;
      continue;
    }
    ctx.out.line(
      `${n}:${primeFactors(n)
        .map((p) => ` ${p}`)
        .join("")}`,
    );
  }
  return status;
};

export const commands: Command[] = [{ name: "factor", where: ["host", "busybox", "debian"], run: factor }];
