/**
 * Where the lab knowingly prints something other than the recording, each with its reason. A rule
 * rewrites both the recorded and the lab's output of the matching commands the same way, so that
 * only the named difference is forgiven. Nothing belongs here because it is merely hard.
 */

export interface Difference {
  /** Fixture names the rule applies to, or "*" for all. */
  fixtures: string[] | "*";
  /** Which commands (as recorded) it applies to. */
  command: RegExp;
  reason: string;
  rewrite: (text: string) => string;
}

export const DIFFERENCES: Difference[] = [
  {
    fixtures: "*",
    command: /^ip netns exec dlab (ip (-\w+ )*(a|addr|address|l|link)\b|ifconfig)/,
    reason:
      "The instrument's host eth0 is an `ifb` stand-in that discards packets (NOARP, pfifo_fast, qlen 32, " +
      "no IPv6); the lab's host eth0 is a real NIC on a LAN (MULTICAST, fq_codel, qlen 1000, link-local IPv6).",
    rewrite: (text) =>
      text
        .replace(
          /^2: eth0: <[^>]*> mtu 1500 qdisc \S+ state \S+ (mode DEFAULT )?group default qlen \d+$/m,
          "2: eth0: <ETH0 FLAGS>",
        )
        .replace(/^(eth0 +)\S+ +\S+( |$)/m, "$1<ETH0 STATE>$2")
        .replace(
          /(inet 192\.168\.0\.102\/24 )(brd 192\.168\.0\.255 )?(scope global eth0\n {7}valid_lft forever preferred_lft forever\n)( {4}inet6 fe80::<EUI64>\/64 scope link \n {7}valid_lft forever preferred_lft forever\n)?/,
          "$1$3",
        ),
  },
];

export function differencesFor(fixture: string, command: string): Difference[] {
  return DIFFERENCES.filter(
    (d) => (d.fixtures === "*" || d.fixtures.includes(fixture)) && d.command.test(command),
  );
}
