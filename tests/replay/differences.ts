/**
 * Where the lab knowingly prints something other than the recording, each with its reason. A rule
 * rewrites the recorded output of the matching commands into what the lab prints instead, touching
 * only the named difference. Nothing belongs here because it is merely hard to get right.
 */
import { type DockerEra, ERAS } from "../../src/engine/docker/era";

export interface Difference {
  /** Fixture names the rule applies to, or "*" for all. */
  fixtures: string[] | "*";
  /** The eras whose recordings it applies to; both when not given (the instrument is the same). */
  eras?: DockerEra[];
  /** Which commands (as recorded) it applies to. */
  command: RegExp;
  reason: string;
  /** Turns the recorded (normalised) output into what the lab prints. */
  rewrite: (recorded: string) => string;
  /** The lab's exit status, where it differs from the recorded one. */
  exit?: number;
}

export const DIFFERENCES: Difference[] = [
  {
    fixtures: ["14-help", "19-seeds"],
    eras: [20],
    command: /^docker info$/,
    reason:
      "The engine-20.10 recordings were made on a later boot of the recording machine, whose kernel " +
      "build number had changed; the lab's host keeps one kernel whatever Docker it runs.",
    rewrite: (t) => t.replace(/^ Kernel Version: 6\.18\.44-fc-v1272$/m, " Kernel Version: 6.18.44-fc-v595"),
  },
  {
    fixtures: ["19-seeds"],
    eras: [20],
    command: /^docker network inspect bridge \| grep -i name$/,
    reason:
      "`Containers` is a Go map, in a different order at every run; the normaliser sorts it in whole " +
      "JSON, but grep has taken the lines out of it: the container names are compared in name order.",
    rewrite: (t) =>
      t.replace(/(^ {16}"Name": .*\n)+/m, (block) =>
        block
          .split(/(?<=\n)/)
          .sort()
          .join(""),
      ),
  },
  {
    fixtures: ["23-links"],
    eras: [20],
    command: /^docker exec testinspectlink cat \/etc\/hosts$/,
    reason:
      "Engine 20.10 wrote a container's links into /etc/hosts from a Go map, in a different order at " +
      "every run; the lab writes them in the order they were given.",
    rewrite: (t) => t.replace(/^(172\.17\.0\.3\talias2 .*\n)(172\.17\.0\.2\talias1 .*\n)/m, "$2$1"),
  },
  {
    fixtures: ["12-manual-netns"],
    eras: [20],
    command: /ip netns list/,
    reason:
      "`ip netns list` shows /run/netns in directory order, which on the recording machine's tmpfs " +
      "differed between the two sessions (26: the PID link first, 20.10: `red` first); the lab lists " +
      "namespaces in the order they were made.",
    rewrite: (t) => t.replace(/^red\n(<PID n1> \(id: 0\)\n)/m, "$1red\n"),
  },
  {
    fixtures: "*",
    command:
      /^docker (container |network )?inspect|^docker info|^docker (exec|run) .*( mount$|\/etc\/mtab|\/proc\/mounts)/,
    reason:
      "The instrument runs dockerd with a private data root and exec root (/var/lib/dlab-docker-26 or -20, " +
      "/run/dlab/exec) so it cannot collide with another daemon; the lab shows Docker's defaults.",
    rewrite: (t) =>
      t
        .replace(/\/var\/lib\/dlab-docker-2[06]/g, "/var/lib/docker")
        .replace(/\/run\/dlab\/exec\/netns\//g, "/var/run/docker/netns/"),
  },
  {
    fixtures: ["07-host", "14-help", "19-names-etc", "20-netmode-conflicts", "19-seeds", "46-moby-run"],
    command: /hostname|\/etc\/hosts|^docker info/,
    reason:
      "The recording machine is called `vm` (and its /etc/hosts is its own); the lab's Docker host is " +
      "`host1`, a CentOS-like server whose /etc/hosts has the distribution's two localhost lines. " +
      "Containers on the host's network or UTS namespace (`--uts=host`) show the host's name.",
    rewrite: (t) =>
      t
        .replace(/^vm$/m, "host1")
        .replace(/^ Name: vm$/m, " Name: host1")
        .replace(
          /^127\.0\.0\.1 localhost\n127\.0\.0\.1 runsc\n127\.0\.0\.1 vm\n/,
          "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n" +
            "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n",
        ),
  },
  {
    fixtures: ["14-help", "19-seeds"],
    command: /^docker info/,
    reason:
      "The instrument's `alpine` is the busybox image re-tagged (one image, two tags); in the lab alpine " +
      "is an image of its own, as on a real host that pulled both.",
    rewrite: (t) => t.replace(/^ Images: 1$/m, " Images: 2"),
  },
  {
    fixtures: ["12-manual-netns"],
    command: /ip netns list/,
    reason:
      "The instrument's host is itself a named namespace (`dlab`) on the recording machine, so " +
      "`ip netns list` shows it; the lab's host is a machine of its own.",
    rewrite: (t) => t.replace(/^dlab\n/m, ""),
  },
  {
    fixtures: ["12-manual-netns", "33-kernel-details"],
    command: /^ip netns exec dlab (ip netns exec|nsenter) .+ ip (-d )?(link|addr)/,
    reason:
      "Seen from the container, the veth's peer namespace is the instrument's `dlab`, which has a name, " +
      "so iproute2 prints `link-netns dlab`; the lab's host namespace is unnamed: `link-netnsid 0`.",
    rewrite: (t) => t.replace(/link-netns dlab( |$)/gm, "link-netnsid 0$1"),
  },
  {
    fixtures: ["10-ports"],
    command: /conntrack -L/,
    reason:
      "The lab does not simulate multicast: docker0's IGMP membership report (to 224.0.0.22) leaves " +
      "no conntrack entry.",
    rewrite: (t) =>
      t
        .replace(/^unknown +2 \d+ src=172\.17\.0\.1 dst=224\.0\.0\.22 .*\n/m, "")
        .replace(/(\d+) flow entries/, (_, n: string) => `${Number(n) - 1} flow entries`),
  },
  {
    fixtures: ["11-iptables"],
    command: /^docker exec i1 ping -c 1 -W 1 172\.18\.0\.2$/,
    reason:
      "Recorded without a terminal, busybox's block-buffered stdout let the sendto error (stderr) overtake " +
      "the PING line; on a terminal, as in the lab, the PING line comes first (as 08-none recorded it).",
    rewrite: (t) => t.replace(/^(ping: sendto: Network is unreachable\n)(PING .*\n)/m, "$2$1"),
  },
  {
    fixtures: ["03-default-bridge"],
    command: /^docker exec busy1 ip neigh$/,
    reason:
      "The instrument's busybox is Debian's busybox-static (glibc without its NSS modules): `ping busy2` " +
      "reads /etc/hosts only and fails at once. A real busybox, like the lab's, also asks the DNS " +
      "server, which never answers on the offline instrument host; the two failed lookups take 40 s, " +
      "and by then busy1's neighbour entry for busy2 has aged from REACHABLE to STALE.",
    rewrite: (t) => t.replace(/^(172\.17\.0\.3 .*) REACHABLE$/m, "$1 STALE"),
  },
  {
    fixtures: ["18-host-tools"],
    command: /curl (?!.*-\w*s)/,
    reason:
      "curl shows its progress meter on stderr only when stdout is not a terminal: the recorder writes " +
      "to a file, the lab's terminal is one (as a person at a prompt sees it).",
    rewrite: (t) =>
      t.replace(
        /^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n[^\n]*\n/,
        "",
      ),
  },
  {
    fixtures: ["18-host-tools"],
    command: /getent hosts localhost$/,
    reason:
      "The recording machine's /etc/hosts has only `127.0.0.1 localhost` lines; the lab's host has the " +
      "distribution's two lines, and getent asks for IPv6 first (gethostbyname2(AF_INET6)), so it finds ::1.",
    rewrite: (t) =>
      t.replace(
        /^127\.0\.0\.1 {7}localhost$/m,
        "::1             localhost localhost.localdomain localhost6 localhost6.localdomain6",
      ),
  },
  {
    fixtures: ["18-host-tools"],
    command: /getent hosts 127\.0\.0\.1$/,
    reason:
      "The recording machine's /etc/hosts line for 127.0.0.1 is `127.0.0.1 localhost`; the lab's has the distribution's aliases.",
    rewrite: (t) =>
      t.replace(
        /^127\.0\.0\.1 {7}localhost$/m,
        "127.0.0.1       localhost localhost.localdomain localhost4 localhost4.localdomain4",
      ),
  },
  {
    fixtures: ["44-moby-lifecycle"],
    command: /^docker inspect --type=image -f '\{\{\.RepoTags\}\}' busybox$/,
    reason:
      "The instrument's `alpine` is the busybox image re-tagged, so busybox's image carries both tags; " +
      "in the lab alpine is an image of its own.",
    rewrite: (t) => t.replace("[alpine:latest busybox:latest]", "[busybox:latest]"),
  },
  {
    fixtures: ["44-moby-lifecycle"],
    eras: [20],
    command: /^docker run --rm -u nosuch busybox id$/,
    reason:
      "Client 20.10 waits for an --rm container in a goroutine that logs its cancelled context when the " +
      "start fails; whether the log line comes before the client exits is a race (no line in 21-mac and " +
      "23-links, a line here). The lab prints none.",
    rewrite: (t) =>
      t.replace(/^time="<TIME>" level=error msg="error waiting for container: context canceled"\n/m, ""),
  },
  {
    fixtures: ["17-images-prune"],
    command: /^docker rmi alpine$/,
    reason:
      "The instrument's `alpine` is the busybox image re-tagged, so removing it only untags; in the lab " +
      "alpine is an image of its own, which goes with its tag: the image and its layer are deleted too.",
    rewrite: (t) => `${t}Deleted: sha256:<DIGEST>\nDeleted: sha256:<DIGEST>\n`,
  },
  {
    fixtures: ["17-images-prune", "43-template-values", "44-moby-lifecycle"],
    command:
      /^docker (images|image ls|ps .*--format '(\{\{(json \.|\.|printf "%s" \.MarshalJSON)\}\}|\{\{\.Names\}\} \{\{\.Size\}\})'|inspect -s )/,
    reason:
      "The instrument's busybox is Debian's busybox-static rootfs imported by hand (1.99MB, 1985574 " +
      "bytes); the lab's is the official image (4.28MB).",
    rewrite: (t) => t.replace(/\b1\.99MB\b|\b1\.986MB\b/g, "4.28MB").replace(/\b1985574\b/g, "4280000"),
  },
  {
    fixtures: ["23-links"],
    command: /^docker exec two cat \/etc\/hosts$/,
    reason:
      "The daemon keeps a container's links in a Go map, so after a restart its link lines come in a " +
      "random order (`one` before `onetwo` in this recording); the lab writes them in the order given.",
    rewrite: (t) => t.replace(/^(\S+\tone \S+)\n(\S+\tonetwo \S+ one)$/m, "$2\n$1"),
  },
  {
    fixtures: ["32-daemon-restart"],
    command: /^docker exec a1 ip addr show eth0$/,
    reason:
      "A restarting dockerd starts the containers its restart policies name concurrently, in Go map " +
      "order: on the instrument a1 came second of four (engine 26, ifindex 25) or fourth (20.10, 29); " +
      "the lab starts them in creation order, so a1 comes first.",
    rewrite: (t) => t.replace(/^(25: eth0@if26|29: eth0@if30):/m, "23: eth0@if24:"),
  },
  {
    fixtures: ["32-daemon-restart"],
    eras: [20],
    command: /^docker inspect -f '\{\{\.Name\}\} \{\{\.State\.Status\}\}/,
    reason:
      "The same race at the second restart: engine 20.10 happened to start s2 before s1 on rn3, so s2 " +
      "got 172.20.0.2; the lab starts s1 (created first) first.",
    rewrite: (t) =>
      t.replace(
        /^\/s1 running 0 0 172\.20\.0\.3 \n\/s2 running 0 0 172\.20\.0\.2 $/m,
        "/s1 running 0 0 172.20.0.2 \n/s2 running 0 0 172.20.0.3 ",
      ),
  },
  ...["fdisk", "reboot"].map(
    (applet): Difference => ({
      fixtures: ["30-busybox-applets"],
      command: new RegExp(`^docker exec b1 ${applet}\\b`),
      reason:
        `busybox's ${applet} makes no sense in a browser lab (disks, booting, logins …): it says plainly that ` +
        "the lab does not simulate it, where busybox lists no disks or ignores a reboot in a container.",
      rewrite: (t) => (t === "" ? `${applet}: this applet is not simulated in Docker Network Lab\n` : t),
      exit: 1,
    }),
  ),
  {
    fixtures: ["38-text-applets"],
    command: /^ip netns exec dlab sh -c 'printf "hello\\nworld\\n" > \/tmp\/tx-a;/,
    reason:
      "GNU cmp -l prints its lines through stdio, which buffers them when stdout is no terminal (the " +
      "recorder's pipe), and its EOF message unbuffered on stderr, so the message came first; typed at " +
      "the lab's host terminal, a terminal, the lines come first.",
    rewrite: (t) => t.replace(/^(cmp: EOF on \/tmp\/tx-a after byte 12\n)((?: ?\d+ \d+ \d+\n)+)/m, "$2$1"),
  },

  {
    fixtures: ["38-text-applets"],
    command: /^ip netns exec dlab sh -c 'printf "1\\n2\\n3\\n" \| paste - -;/,
    reason:
      "paste reads the host's /etc/hostname: the recording machine is called `vm`, the lab's host `host1`.",
    rewrite: (t) => t.replace(/^1:vm$/m, "1:host1"),
  },
  {
    fixtures: ["30-busybox-applets"],
    command: /ip netns exec dlab ls -l \/var\/run\/netns$/,
    reason:
      "The instrument's host is itself a named namespace (`dlab`) on the recording machine, whose " +
      "/var/run/netns also holds the two-host instrument's (h1, h2, lan) while that is up; the lab's " +
      "host has made no namespace yet.",
    rewrite: (t) => t.replace(/^-r--r--r-- 1 root root 0 <MTIME> (dlab|h1|h2|lan)\n/gm, ""),
  },
  {
    fixtures: ["30-busybox-applets", "39-awk-sed"],
    command:
      /^docker exec (b1 sh -c 'awk "BEGIN \{ print 1\+2|c1 awk '(\{ print \$\(NF - 1\)|BEGIN \{ printf "%s %s\||BEGIN \{ print 7 % 3|\{ print \}' \/tmp\/s39\.c \/nosuch))/,
    reason:
      "busybox writes what it printed before its complaint (bb_error_msg flushes stdio first, as the same " +
      "busybox shows run directly); docker exec carries stdout and stderr through separate pipes, so their " +
      "order is a race: successive recordings of scenario 39 caught these commands both ways round.",
    rewrite: (t) => t.replace(/^(awk: (cmd\. line:1|\/nosuch): [^\n]*\n)([\s\S]+)$/, "$3$1"),
  },
];

/** A recorded step: the fixture, the command as recorded, its normalised output, the era it was recorded on (26 if not given). */
export interface RecordedStep {
  fixture: string;
  command: string;
  recorded: string;
  era?: DockerEra;
}

/**
 * The recorded output of a step rewritten by the differences of `list` that name it, in order;
 * each that changed something is added to `used`.
 */
export function rewriteRecorded(
  list: readonly Difference[],
  step: RecordedStep,
  used?: Set<Difference>,
): string {
  let text = step.recorded;
  for (const d of list) {
    if ((d.fixtures !== "*" && !d.fixtures.includes(step.fixture)) || !d.command.test(step.command)) continue;
    if (!(d.eras ?? ERAS).includes(step.era ?? 26)) continue;
    const rewritten = d.rewrite(text);
    if (rewritten !== text) used?.add(d);
    text = rewritten;
  }
  return text;
}

/** The recorded exit status of a step, or the one a difference naming it gives instead. */
export function rewriteExit(list: readonly Difference[], step: RecordedStep, exit: number): number {
  const named = list.filter(
    (d) =>
      d.exit !== undefined &&
      (d.fixtures === "*" || d.fixtures.includes(step.fixture)) &&
      d.command.test(step.command) &&
      (d.eras ?? ERAS).includes(step.era ?? 26),
  );
  return named[named.length - 1]?.exit ?? exit;
}

/**
 * The differences of `list` that change no recorded output they name (stale: the recording or the
 * rule moved on). Only those of the eras `steps` were recorded on are judged.
 */
export function staleDifferences(list: readonly Difference[], steps: readonly RecordedStep[]): string[] {
  const used = new Set<Difference>();
  for (const s of steps) rewriteRecorded(list, s, used);
  const eras = new Set(steps.map((s) => s.era ?? 26));
  return list
    .filter((d) => !used.has(d) && (d.eras ?? ERAS).some((era) => eras.has(era)))
    .map((d) => d.reason);
}
