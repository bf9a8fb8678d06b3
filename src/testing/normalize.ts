/**
 * What differs between any two runs of the same commands, on a real daemon as in the lab: IDs,
 * random MACs and the link-local addresses derived from them, veth names, generated container
 * names, PIDs, ephemeral ports, times, ages and packet counters, and the orders that come from a
 * hash, a Go map or two racing output streams. Both sides are normalised the same way; everything
 * else must match byte for byte.
 */
import { isGeneratedName } from "../engine/docker/names";

/**
 * Container MACs are 02:42 + the IPv4 address (deterministic: 172.16-31, 10, 192.168 and 100.64
 * networks); others, bridges' 02:42 + four random bytes among them, are random per run.
 */
function isDerivedMac(mac: string): boolean {
  return (
    /^02:42:(ac:1[0-9a-f]|0a|c0:a8|64):/.test(mac) ||
    mac === "00:00:00:00:00:00" ||
    mac === "ff:ff:ff:ff:ff:ff"
  );
}

const VALUES: [RegExp, string | ((m: string, ...g: string[]) => string)][] = [
  [/sha256:[0-9a-f]{64}/g, "sha256:<DIGEST>"],
  // A daemon's ID (`docker info`) is a UUID made at its first start.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<UUID>"],
  // Engine 20.10's was its libtrust key's ID: twelve groups of four base-32 characters.
  [/\b[A-Z2-7]{4}(:[A-Z2-7]{4}){11}\b/g, "<UUID>"],
  // Swarm: join tokens, and swarmkit's 25-digit base-36 IDs (nodes, clusters, services, tasks, overlays).
  [/\bSWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}\b/g, "SWMTKN-1-<TOKEN>"],
  [/\b(?=[0-9a-z]{0,24}[a-z])(?=[0-9a-z]{0,24}[0-9])[0-9a-z]{25}\b/g, "<SWARMID>"],
  // (truncated to 12 at the head of a listing's line: `network ls`, `service ls`, `service ps`)
  [
    /^(?=[0-9a-z]{0,11}[a-z])(?=[0-9a-z]{0,11}[0-9])[0-9a-z]{12}(?= )/gm,
    (m) => (/^[0-9a-f]+$/.test(m) ? m : "<SWARMID12>"),
  ],
  // The overlay driver's namespaces are named after the network ID: 1-<10 digits>, lb_<9 digits>.
  [/\b1-[0-9a-z]{10}\b/g, "1-<NETID>"],
  [/\blb_[0-9a-z]{9}\b/g, "lb_<NETID>"],
  [/\b[0-9a-f]{64}\b/g, "<ID>"],
  [/\b[0-9a-f]{12}\b/g, "<ID12>"],
  [/\bveth[0-9a-f]{7}\b/g, "vethXXXXXXX"],
  [/\b[a-z]+_[a-z]+\d?\b/g, (w) => (isGeneratedName(w) ? "<NAME>" : w)],
  // A bridge ID is its priority and MAC, each byte printed without padding (`8000.2:42:8f:a8:13:60`).
  [/\b8000\.([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}\b/g, "8000.<BRIDGEID>"],
  [/\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b/g, (m) => (isDerivedMac(m) ? m : "<MAC>")],
  [/\bfe80::[0-9a-f:]+/g, "fe80::<EUI64>"],
  [/ tentative\b/g, ""],
  // Times: ping and traceroute round trips, iputils' total, timestamps, ages.
  [/time[=<][0-9.]+ ?ms/g, "time=<T> ms"],
  [/(round-trip|rtt) (min\/avg\/max(\/mdev)?) = [0-9./]+ ms/g, "$1 $2 = <RTT> ms"],
  [/, time \d+ms/g, ", time <T>ms"],
  [/(Failed to connect to .* after) \d+ ms/g, "$1 <T> ms"],
  // A conntrack entry's seconds to live count down while the recorder works.
  [/^(tcp|udp|icmp)( +\d+) \d+ (?=([A-Z_]+ )?src=)/gm, "$1$2 <TTL> "],
  [/ {2}\d+\.\d{3} ms/g, "  <T> ms"],
  [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<TIME>"],
  // stat: the device and inode numbers, and times of this year, belong to the run (a time set with
  // `touch -d` of another year stays); dd's copying time and rate.
  [/^Device: \S+\tInode: \d+ +Links/gm, "Device: <DEV>\tInode: <INO> Links"],
  [/\b2026-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000(?! UTC)/g, "<TIME>"],
  [/ copied, [0-9.e-]+ s, [0-9.]+ [kMG]?B\/s$/gm, " copied, <T> s, <RATE>/s"],
  // An overlay's layer names, made when the container was created.
  [/\/overlay2\/l\/[A-Z0-9]{26}\b/g, "/overlay2/l/<LAYER>"],
  [/\/overlay2\/[0-9a-f]{64}\//g, "/overlay2/<LAYER>/"],
  // mktemp's random names.
  [/\btmp\.[A-Za-z0-9]{6}(?:[A-Za-z0-9]{4})?\b/g, "tmp.<RANDOM>"],
  // A long listing's file times (`ls -l`: month, day, hour and minute).
  [/^([-dl][-rwxt]{9} .*? )[A-Z][a-z]{2} [ \d]\d \d\d:\d\d /gm, "$1<MTIME> "],
  [/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 (UTC|utc)/g, "<TIME>"],
  // fmt's %v of Go values: a pointer's address, a time.Time under an unexported field ({wall ext
  // loc}: nanoseconds, seconds from year 1), and Unix seconds in an API summary.
  [/\b0xc[0-9a-f]{9}\b/g, "0xc<PTR>"],
  // A namespace's inode number (`readlink /proc/self/ns/net`) is the kernel's, per boot and per run.
  [/\b(net|uts|ipc|pid|mnt|cgroup|user|time):\[\d+\]/g, "$1:[<INO>]"],
  [/\{\d{1,9} 639\d{8} <nil>\}/g, "{<TIME>}"],
  [/(?<= )1[78]\d{8}(?= )/g, "<UNIX>"],
  // A swarm's root CA certificate and key are made at init.
  [/-----BEGIN CERTIFICATE-----\n[\s\S]*?\n-----END CERTIFICATE-----/g, "<CERTIFICATE>"],
  [/Issuer Public Key:\t\S+/g, "Issuer Public Key:\t<KEY>"],
  // HTTP dates, and busybox httpd's ETag (file mtime and size in hex).
  [/\b[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT\b/g, "<HTTPDATE>"],
  [/ETag: "[0-9a-f]+-([0-9a-f]+)"/g, 'ETag: "<MTIME>-$1"'],
  // tcpdump's timestamps, and the ICMP echo identifier (the pinging process's PID).
  [/^\d\d:\d\d:\d\d\.\d{6} /gm, "<TS> "],
  [/\bid \d+, seq\b/g, "id <ID>, seq"],
  // tcpdump -v: the IP identification field, and VXLAN's outer source port (a hash of the inner flow).
  [/\bid \d+, offset\b/g, "id <IPID>, offset"],
  [/(\d+\.\d+\.\d+\.\d+)\.\d+ > (\d+\.\d+\.\d+\.\d+)\.4789: VXLAN/g, "$1.<SPORT> > $2.4789: VXLAN"],
  [
    /\b(About a minute|About an hour|Less than a second|\d+ (seconds|minutes|hours|days|weeks|months|years)|1 second) ago\b/g,
    "<AGO> ago",
  ],
  [
    /\bUp (About a minute|About an hour|Less than a second|\d+ (seconds|minutes|hours)|1 second)\b/g,
    "Up <AGE>",
  ],
  // PIDs and the ports the kernel picks.
  [/"Pid":( ?)\d+/g, '"Pid":$1<PID>'],
  [/\bpid=\d+/g, "pid=<PID>"],
  [/\b\d+\/(docker-proxy|sleep|sh|httpd|nc)\b/g, "<PID>/$1"],
  [/\b(sport|dport)=(3[2-9]\d{3}|[4-6]\d{4})\b/g, "$1=<EPHEMERAL>"],
  [/(\d+\.\d+\.\d+\.\d+):(3[2-9]\d{3}|[4-6]\d{4})->/g, "$1:<EPHEMERAL>->"],
  [/127\.0\.0\.11:\d{4,5}\b/g, "127.0.0.11:<PORT>"],
  [/(-s 127\.0\.0\.11\/32 -p \w+ -m \w+ --sport )\d{4,5}\b/g, "$1<PORT>"],
  // Counters move with timing and with IPv6 housekeeping traffic on a real host.
  [/\b(RX|TX) packets[: ]\d+/g, "$1 packets <N>"],
  [/\bbytes[: ]\d+ \([0-9.]+ [KMG]?i?B\)/g, "bytes <N>"],
  [/\b(dropped|errors)([: ])\d+/g, "$1$2<N>"],
  [/\bused \d+\/\d+\/\d+/g, "used <T>"],
  // `ip -d`: bridge and port timers run down from when something happened.
  [/\b(hello|tcn|topology_change|gc|hold|message_age|forward_delay)_timer +\d+\.\d\d/g, "$1_timer <T>"],
  [/^(\s+\d+\s+(<MAC>|[0-9a-f:]{17})\s+(yes|no)\s+)\s*\d+\.\d\d$/gm, "$1<AGEING>"],
];

function sortLines(text: string, keepHead = 0): string {
  const lines = text.split("\n");
  const trailing = lines[lines.length - 1] === "" ? lines.pop() : undefined;
  const head = lines.slice(0, keepHead);
  const body = lines.slice(keepHead).sort();
  return [...head, ...body, ...(trailing === undefined ? [] : [trailing])].join("\n");
}

/** Runs of `Name:` / `Address:` pairs, each run in address order. */
function sortAnswers(text: string): string {
  return text.replace(/(Name:\t.*\nAddress: .*\n)+/g, (run) => {
    const pairs = run.match(/Name:\t.*\nAddress: .*\n/g) ?? [];
    return pairs.sort().join("");
  });
}

/** Blocks of lines separated by blank lines, sorted (after a fixed head of `keep` blocks). */
function sortBlocks(text: string, keep: number): string {
  const blocks = text.split("\n\n");
  return [...blocks.slice(0, keep), ...blocks.slice(keep).sort()].join("\n\n");
}

/** JSON maps keyed by container IDs come in ID order, which is random per run: order them by name. */
function byName(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(byName);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, byName(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^[0-9a-f]{64}$/.test(k))) {
    entries.sort(([, a], [, b]) =>
      String((a as { Name?: string }).Name).localeCompare(String((b as { Name?: string }).Name)),
    );
  }
  return Object.fromEntries(entries);
}

/** The same for a template's one line of JSON (`{{json .Containers}}`). */
function jsonLineByName(text: string): string {
  try {
    return `${JSON.stringify(byName(JSON.parse(text)))}\n`;
  } catch {
    return text;
  }
}

function containersByName(text: string): string {
  if (!/^\[\n/.test(text)) return text;
  const end = text.lastIndexOf("\n]\n") + 3;
  try {
    return `${JSON.stringify(byName(JSON.parse(text.slice(0, end))), null, 4)}\n${text.slice(end)}`;
  } catch {
    return text;
  }
}

/** Orders that a real host does not keep from one run to the next, by command. */
const ORDERS: [RegExp, (text: string) => string][] = [
  // Bridges sort by name, and br-<id> names are random.
  [/brctl show$/, (t) => sortBlockLines(t)],
  // Forwarding entries come in hash order of random MACs.
  [/brctl showmacs /, (t) => sortLines(t, 1)],
  [/bridge fdb/, (t) => sortLines(t)],
  // Sockets come in the kernel's hash order, keyed per boot.
  // (and pad their last column to the longest process field, whose PID width belongs to the run)
  [/\bss -[a-z]+$/, (t) => sortLines(t.replace(/ +$/gm, ""), 1)],
  [/\bnetstat -[a-z]+$/, (t) => sortLines(t, 2)],
  // Flows in hash order; the summary goes to stderr, which overtakes stdout in a pipe.
  [/conntrack -L/, (t) => sortLines(t.replace(/^(conntrack v.*\n)([\s\S]*)$/m, "$2$1"))],
  // A time's seconds and fractions, formatted by a template: the replay's clock starts at the minute
  // the recording did, not at its second.
  [/\.Created\.Format /, (t) => t.replace(/\b\d\d:\d\d:\d\d\b/g, "<HMS>").replace(/\.\d{1,9}\b/g, ".<FRAC>")],
  // Go map order.
  [/docker network prune/, (t) => sortLines(t, 1)],
  [
    /\{\{\.Networks\}\}/,
    (t) => t.replace(/\b[\w.-]+(,[\w.-]+)+/g, (list) => list.split(",").sort().join(",")),
  ],
  // Go map order: a container's labels in `ps --format raw` (client 20.10 did not sort them).
  [
    /--format raw\b/,
    (t) => t.replace(/^labels: (.+)$/gm, (_l, list: string) => `labels: ${list.split(",").sort().join(",")}`),
  ],
  // The neighbour table comes in hash order (keyed per boot), also through /proc/net/arp.
  [/ ip neigh$/, (t) => sortLines(t)],
  [/(^|\s)arp( -[a-zA-Z]+| -i \S+)*$/, (t) => sortLines(t, t.startsWith("Address ") ? 1 : 0)],
  // Go map order: the runtimes dockerd knows.
  [
    /^docker info$/,
    (t) =>
      t.replace(
        /^ Runtimes: (.*)$/m,
        (_l, names: string) => ` Runtimes: ${names.split(" ").sort().join(" ")}`,
      ),
  ],
  // Without a terminal dockerd carries stdout and stderr as two streams, copied apart, and busybox's
  // stdout (a pipe) is flushed at exit: how a checksum tool's or dd's messages interleave with the
  // output is a race. Their messages are compared after the rest.
  [
    /^docker exec (?!-\w*t)\S+ .*\b(md5sum|sha\d+sum|crc32|dd)\b/,
    (t) => {
      const said = /^(?:md5sum|sha\d+sum|crc32): .*\n|\d+\+\d+ records (?:in|out)\n/gm;
      return t.replace(said, "") + (t.match(said) ?? []).join("");
    },
  ],
  // find, du and tar list a directory in the order readdir gives, a hash order on the recording's disk.
  [/(^|[ '])(find|du|tar)\b/, (t) => sortLines(t)],
  // stat -t: its device, inode and change time belong to the run.
  [
    /\bstat -t\b/,
    (t) =>
      t.replace(
        /^(\S+ \d+ \d+ \w+ \d+ \d+) \w+ \d+ (.* )(?:\d+|<UNIX>) (\d+)$/gm,
        "$1 <DEV> <INO> $2<CTIME> $3",
      ),
  ],
  // df: the disk's used and free blocks change while the recorder works.
  [
    /\bdf\b/,
    (t) =>
      t.replace(
        /^((?:overlay|\/dev\/vda) +(?:\w+ +)?[\d.]+[KMGT]?) +[\d.]+[KMGT]? +[\d.]+[KMGT]? /gm,
        "$1 <USED> <AVAIL> ",
      ),
  ],
  // ls sorts by name, and generated names (sandbox IDs) land anywhere: compare the names alone, one
  // per line (the layout, columns at a terminal, is tested on its own).
  // (a long listing, `ls -l`, keeps its lines: its names are the lab's own)
  [
    /^(ls|nsenter .* ls)( (?!.*(^| )-\w*l)|$)/,
    (t) => (t.trim() === "" ? t : `${t.trim().split(/\s+/).sort().join("\n")}\n`),
  ],
  // A global service's tasks are named after their nodes, whose IDs are random: with no history
  // rows (` \_ `) to keep under their slot, the rows' order is the IDs'.
  [/^docker service ps /, (t) => (t.includes(" \\_ ") ? t : sortLines(t, t.startsWith("ID ") ? 1 : 0))],
  // busybox asks for A and AAAA at once and prints the answers as they arrive.
  // (and a name with several addresses, a service's tasks, comes in random order).
  [/nslookup /, (t) => sortBlocks(sortAnswers(t), 1)],
  // docker logs copies stdout and stderr in two goroutines (and so does docker exec).
  [/^docker logs /, (t) => sortLines(t)],
  [/^docker exec \S+ wget -O- /, (t) => sortLines(t)],
  // busybox ps: PIDs after 1 depend on how many processes ran before.
  [/ ps$/, (t) => t.replace(/^ +(?!1 )\d+ root/gm, "<PID> root")],
  [/(^|\s)pidof\b/, (t) => t.replace(/\b(?!1\b)\d+\b/g, "<PID>")],
  [/\bkill\b/, (t) => t.replace(/\(\d+\) - No such process/g, "(<PID>) - No such process")],
  // The time of day, the time up and the load belong to the run (the machine's, not the lab's).
  [
    /(^|\s)uptime$/,
    (t) =>
      t.replace(
        /^ \d\d:\d\d:\d\d up .*?,( {2}\d+ users?, {2}load average: )[\d.]+, [\d.]+, [\d.]+$/gm,
        " <TIME> up <UP>,$1<LOAD>",
      ),
  ],
  // Memory figures (and the widths they take) too: the rows keep their labels and their number of columns.
  [
    /(^|\s)free( -[a-z])?$/,
    (t) =>
      t.replace(
        /^(Mem|Swap):( +\S+)+$/gm,
        (row, label: string) => `${label}:${" <N>".repeat(row.trim().split(/\s+/).length - 1)}`,
      ),
  ],
  // top: memory, load and the processes' PIDs and sizes.
  [
    /(^|\s)top -b/,
    (t) =>
      t
        .replace(/^Mem: .*$/m, (line) => line.replace(/\d+K/g, "<N>K"))
        .replace(/^Load average: .*$/m, "Load average: <LOAD>")
        .replace(
          /^ +\d+ +\d+ root {5}([A-Z]) +\d+ +\d+% +\d+% /gm,
          "<PID> <PPID> root     $1 <VSZ> <%VSZ> <%CPU> ",
        ),
  ],
  // ps: PID, parent, CPU share and start time belong to the run.
  [
    /^docker top /,
    (t) =>
      t
        .replace(/^(root\s+)\d+\s+\d+\s+\d+\s+\d\d:\d\d\s+/gm, "$1<PID> <PPID> <C> <STIME> ")
        // (other ps formats: any column of digits but a UID's 0, and start times)
        .replace(/(?<=^|\s)(?!0\s)\d{3,}(?=\s)/gm, "<N>")
        .replace(/\b\d\d:\d\d(?=\s)/g, "<STIME>")
        .replace(/ {2,}/g, "  "),
  ],
];

/** `brctl show`: each bridge's block (its line and its continuation lines) sorted, header first. */
function sortBlockLines(text: string): string {
  const lines = text.split("\n");
  const trailing = lines[lines.length - 1] === "" ? lines.pop() : undefined;
  const [header, ...rest] = lines;
  const blocks: string[][] = [];
  for (const line of rest) {
    if (line.startsWith("\t") && blocks.length > 0) blocks[blocks.length - 1]?.push(line);
    else blocks.push([line]);
  }
  blocks.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
  return [header, ...blocks.flat(), ...(trailing === undefined ? [] : [trailing])].join("\n");
}

/** Column widths of tables that hold ages or generated names follow them: compare such tables word by word. */
function squeezeTables(text: string): string {
  return /<AGO>|Up <AGE>|<NAME>/.test(text) && /\S {3,}\S/.test(text) ? text.replace(/ {2,}/g, "  ") : text;
}

export function normalize(text: string, command: string, pids: Record<string, string> = {}): string {
  // Maps keyed by container ID must be reordered while the IDs still tell the entries apart.
  let out = /^docker (network |container )?inspect/.test(command) ? containersByName(text) : text;
  if (/\{\{json \.Containers\}\}/.test(command)) out = jsonLineByName(out);
  for (const [pid, name] of Object.entries(pids))
    out = out.replace(new RegExp(`\\b${pid}\\b`, "g"), `<PID ${name}>`);
  for (const [re, to] of VALUES) out = out.replace(re, to as string);
  for (const [re, fix] of ORDERS) if (re.test(command)) out = fix(out);
  return squeezeTables(out);
}
