/**
 * The Docker CLI against the ground truth: every recorded transcript (engine 26, client 28) is
 * replayed in a fresh lab, and each `docker` command's output and exit status must match the
 * recording once per-run values are normalised. Commands whose output comes from a program run
 * inside a container (ping, nslookup, ip …) belong to other areas and are replayed but not judged
 * here; so are the few steps listed below, whose recorded output the lab cannot reproduce.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLab } from "../../lab";
import { normalise, parseTranscript, replay } from "./fixture-replay";

const DIR = "tests/ground-truth";

/** Programs inside containers whose output other areas render. */
const OTHER_TOOLS =
  /^docker (exec|run)\b.* (ping|nslookup|ip|ifconfig|route|arp|wget|nc|netstat|traceroute|ps|env|hostname|telnet)( |$)/;

/** Steps the lab cannot reproduce, with the reason. Keyed "file: command". */
const KNOWN_DIFFERENCES: Record<string, string> = {
  "01-networks.txt: docker network prune -f":
    "the daemon deletes networks in Go map order; the lab in creation order",
  "02-containers.txt: docker logs l1":
    "stdout and stderr of the main process race in the daemon's log copiers",
  "02-containers.txt: docker top c1": "PIDs, CPU share and start time are per run",
  "06-connect.txt: docker ps -a --format '{{.Names}}\\t{{.Status}}\\t{{.Networks}}'":
    "the client lists a container's networks in Go map order; the lab sorts them",
  "07-host.txt: docker exec h1 cat /etc/hostname": "the recording machine is called vm, the lab's host host1",
  "07-host.txt: docker exec h1 cat /etc/hosts": "a copy of the recording machine's own /etc/hosts",
  "07-host.txt: docker run --network host --name h5 busybox cat /etc/hostname": "the host is host1, not vm",
  "12-manual-netns.txt: docker inspect -f '{{.State.Pid}}' n1": "PIDs are per run",
  "14-help.txt: docker info":
    "the recording machine's name and data root, and its alpine tag is the busybox image (one image, two tags)",
};

/** Widths of table columns that hold durations vary with them: compare such lines word by word. */
function squeeze(text: string): string {
  return /<DUR>/.test(text) ? text.replace(/ +/g, " ") : text;
}

const files = readdirSync(DIR)
  .filter((f) => /^\d\d-.*\.txt$/.test(f) && !f.startsWith("15-"))
  .sort();

describe("docker commands replay the ground-truth recordings", () => {
  for (const file of files) {
    it(file, () => {
      const lab = createLab();
      const mismatches: string[] = [];
      for (const step of parseTranscript(readFileSync(`${DIR}/${file}`, "utf8"))) {
        const got = replay(lab, step);
        if (!step.command.startsWith("docker ") || OTHER_TOOLS.test(step.command)) continue;
        if (KNOWN_DIFFERENCES[`${file}: ${step.command}`]) continue;
        const want = `${squeeze(normalise(step.output))}[exit ${step.exit}]`;
        const have = `${squeeze(normalise(got.output))}[exit ${got.exit}]`;
        if (want !== have) mismatches.push(`$ ${step.command}\n--- recorded\n${want}\n--- lab\n${have}`);
      }
      expect(mismatches.join("\n\n")).toBe("");
    });
  }
});
