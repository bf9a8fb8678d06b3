/** go-units as the Docker CLI and daemon use it: human durations ("2 minutes") and sizes ("4.28MB"). */

/** units.HumanDuration: "Less than a second", "1 second", "About a minute", "3 hours", "2 weeks". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** units.HumanSizeWithPrecision(size, 3): decimal units, three significant digits ("0B", "4.28MB"). */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(3))}${units[i]}`;
}

/** A virtual-clock instant as Go's RFC 3339 with nanoseconds (trailing zeros dropped), from ms and a seed. */
export function rfc3339Nano(ms: number, seed: string): string {
  const hex = /^[0-9a-f]{6}/.test(seed);
  // Swarm IDs are base 36: their first digits stand in for the nanoseconds in that base.
  const digits = Number.parseInt(seed.slice(0, 6) || "0", hex ? 16 : 36) || 0;
  const extra = (digits % 1000000).toString().padStart(6, "0");
  const iso = new Date(ms).toISOString();
  const frac = `${iso.slice(20, 23)}${extra}`.replace(/0+$/, "");
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
}

/** time.Time's String(): "2026-11-23 07:06:47.074439658 +0000 UTC". */
export function goTimeString(rfc: string): string {
  return `${rfc.slice(0, 10)} ${rfc.slice(11, -1)} +0000 UTC`;
}

/** An image size as the catalogue writes it ("4.28MB", "850kB") in bytes, as the API sends it. */
export function sizeBytes(size: string): number {
  return Math.round(Number.parseFloat(size) * (size.endsWith("MB") ? 1e6 : 1e3));
}
