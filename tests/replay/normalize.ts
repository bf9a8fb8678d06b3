/**
 * What differs between any two runs of the same commands, on a real daemon as in the lab: IDs,
 * random MACs and the link-local addresses derived from them, veth names, PIDs, times, ages and
 * counters. Both sides are normalised the same way; everything else must match byte for byte.
 */

/** Container MACs are 02:42 + the IPv4 address (deterministic); others are random per run. */
function isDerivedMac(mac: string): boolean {
  return /^02:42:(ac|0a|c0|64):/.test(mac);
}

const RULES: [RegExp, string | ((m: string, ...g: string[]) => string)][] = [
  [/sha256:[0-9a-f]{64}/g, "sha256:<DIGEST>"],
  [/\b[0-9a-f]{64}\b/g, "<ID>"],
  [/\b[0-9a-f]{12}\b/g, "<ID12>"],
  [/\bveth[0-9a-f]{7}\b/g, "vethXXXXXXX"],
  [
    /\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b/g,
    (m) => (isDerivedMac(m) || m === "00:00:00:00:00:00" || m === "ff:ff:ff:ff:ff:ff" ? m : "<MAC>"),
  ],
  [/\bfe80::[0-9a-f:]+/g, "fe80::<EUI64>"],
  [/ tentative\b/g, ""],
  [/time[=<][0-9.]+ ?ms/g, "time=<T> ms"],
  [/(round-trip|rtt) (min\/avg\/max(\/mdev)?) = [0-9./]+ ms/g, "$1 $2 = <RTT> ms"],
  [/, time \d+ms/g, ", time <T>ms"],
  [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<TIME>"],
  [
    /\b(About a minute|About an hour|Less than a second|\d+ (seconds|minutes|hours|days|weeks|months|years)|1 second) ago\b/g,
    "<AGO> ago",
  ],
  [
    /\bUp (About a minute|About an hour|Less than a second|\d+ (seconds|minutes|hours)|1 second)\b/g,
    "Up <AGE>",
  ],
  [/"Pid": \d+/g, '"Pid": <PID>'],
  [/\bpid=\d+/g, "pid=<PID>"],
  [/\b\d+\/(docker-proxy|sleep|sh|httpd|nc)\b/g, "<PID>/$1"],
];

export function normalize(text: string, pids: Record<string, string> = {}): string {
  let out = text;
  for (const [pid, name] of Object.entries(pids))
    out = out.replace(new RegExp(`\\b${pid}\\b`, "g"), `<PID ${name}>`);
  for (const [re, to] of RULES) out = out.replace(re, to as string);
  return out;
}
