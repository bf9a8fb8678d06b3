/**
 * Where the lab knowingly prints something other than the two-host recordings, each with its
 * reason (the form of replay/differences.ts). Only the named difference is rewritten.
 */
import type { Difference } from "./differences";

export const MULTIHOST_DIFFERENCES: Difference[] = [
  {
    fixtures: "*",
    command: /^docker (info|node inspect --pretty)/,
    reason:
      "The instrument's daemons keep their data under /tmp/two-hosts/hN/data, and its kernel and " +
      "memory are the recording machine's; the lab shows Docker's default root and the lab host's own.",
    rewrite: (t) =>
      t
        .replace(/^ Docker Root Dir: .*$/m, " Docker Root Dir: /var/lib/docker")
        .replace(/^ Kernel Version: .*$/m, " Kernel Version: 6.18.44-fc-v595")
        .replace(/^ Total Memory: .*$/m, " Total Memory: 23.54GiB")
        .replace(/^ Memory:\t\t.*$/m, " Memory:\t\t23.54GiB"),
  },
];

export function differencesFor(fixture: string, command: string): Difference[] {
  return MULTIHOST_DIFFERENCES.filter(
    (d) => (d.fixtures === "*" || d.fixtures.includes(fixture)) && d.command.test(command),
  );
}

/**
 * What is compared loosely on both sides, each with its reason: the instrument's hosts are named
 * namespaces on one machine (h1, h2, and `lan` for the LAN switch), so iproute2 names a peer there
 * (`link-netns h1`) where the lab, whose hosts are machines unnamed from inside, numbers it
 * (`link-netnsid N`). Which of the two, and the number, is not compared.
 */
export function bothSides(command: string, text: string): string {
  return /(^| )ip (-\w+ )*(addr|link)/.test(command)
    ? text.replace(/ link-netns(id)? [\w-]+/g, " link-netns <PEER>")
    : text;
}
