/** swarmkit's identifiers and join tokens, drawn from the world's generator. */
import { type RngState, randHex, randInt } from "../rng";

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";

function base36(rng: RngState, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE36[randInt(rng, 0, 35)];
  return out;
}

/** identity.NewID(): 128 random bits in base 36, 25 digits (nodes, services, tasks, overlay networks). */
export function swarmId(rng: RngState): string {
  return base36(rng, 25);
}

/** The root CA certificate's SHA-256 digest as a join token spells it: base 36, 0-padded to 50 digits. */
export function caDigest(rng: RngState): string {
  return BigInt(`0x${randHex(rng, 64)}`)
    .toString(36)
    .padStart(50, "0");
}

/** The digest a token names, in hex, as the CA check reports it ("Expected: …"). */
export function digestHex(base36Digest: string): string {
  let n = 0n;
  for (const d of base36Digest) n = n * 36n + BigInt(BASE36.indexOf(d));
  return n.toString(16).padStart(64, "0");
}

/** A join token's secret (base 36, 25 digits). */
export function tokenSecret(rng: RngState): string {
  return base36(rng, 25);
}

export function joinToken(digest: string, secret: string): string {
  return `SWMTKN-1-${digest}-${secret}`;
}

/** ca.ParseJoinToken (v1 tokens): the digest and secret, or undefined ("invalid join token"). */
export function parseJoinToken(token: string): { digest: string; secret: string } | undefined {
  const parts = token.split("-");
  if (parts.length !== 4 || parts[0] !== "SWMTKN" || parts[1] !== "1") return undefined;
  const [, , digest = "", secret = ""] = parts;
  return digest.length === 50 && secret.length === 25 ? { digest, secret } : undefined;
}

/** networkdb's name for a node: 12 hex digits. */
export function peerName(rng: RngState): string {
  return randHex(rng, 12);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(rng: RngState, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE64[randInt(rng, 0, 63)];
  return out;
}

/**
 * The root CA swarmkit makes at init: an ECDSA P-256 certificate for CN=swarm-ca (369 bytes of DER)
 * and its public key. The lab draws their bytes rather than signing anything: they stand for keys.
 */
export function rootCa(rng: RngState): { cert: string; key: string } {
  return {
    cert: `MIIBajCCARCgAwIBAgIU${base64(rng, 470)}==`,
    key: `MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${base64(rng, 86)}==`,
  };
}
