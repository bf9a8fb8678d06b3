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
  ...withoutIpvs(),
  {
    fixtures: ["09-leaving"],
    command: /^ls \/var\/run\/docker\/netns$/,
    reason:
      "libnetwork does not unlink a destroyed namespace's file at once: it queues the path and a " +
      "collector removes the queued ones every 60 seconds (osl: gpmCleanupPeriod), so right after " +
      "`swarm leave` the recording still lists the overlay's, the load balancer's and ingress_sbox. " +
      "The lab removes them when they are destroyed.",
    rewrite: (t) => t.replace(/^(1-<NETID>|ingress_sbox|lb_<NETID>)\n/gm, ""),
  },
];

/**
 * The instrument's kernel has no IPVS: libnetwork's addLBBackend fails before it programs a
 * service's load balancing, so 08-forwarding lacks what a kernel with IPVS gets and the lab builds
 * from service_linux.go (programIngress, invokeFWMarker, addRedirectRules): the VIP on the load
 * balancer's eth0, the mangle MARKs, the `-m ipvs` SNAT and the host's DOCKER-INGRESS chains. The
 * values are this scenario's: VIPs 10.0.0.4 (ingress) and 10.0.1.2 (app-net), marks from 256.
 */
function withoutIpvs(): Difference[] {
  const reason = "No IPVS in the recording machine's kernel (see withoutIpvs).";
  const sandbox = (ns: string, what: string) =>
    new RegExp(`^nsenter --net=/var/run/docker/netns/${ns}.* ${what}$`);
  const after = (anchor: RegExp, lines: string) => (t: string) => t.replace(anchor, `$1${lines}`);
  const policy = /^(-P POSTROUTING ACCEPT\n?)/m;
  const resolverJump = /^(-A POSTROUTING -d 127\.0\.0\.11\/32 -j DOCKER_POSTROUTING\n)/m;
  const eth0 = /( {4}inet 10\.0\.\d\.\d+\/24 .* eth0\n {7}valid_lft forever preferred_lft forever\n)/;
  const vip = (ip: string) =>
    `    inet ${ip}/32 scope global eth0\n       valid_lft forever preferred_lft forever\n`;
  const rule = (fixtures: string[], command: RegExp, rewrite: (t: string) => string): Difference => ({
    fixtures,
    command,
    reason,
    rewrite,
  });
  const f = ["08-forwarding"];
  return [
    rule(
      f,
      sandbox("ingress_sbox", "iptables -t mangle -S"),
      after(
        policy,
        "-A PREROUTING -p tcp -m tcp --dport 8080 -j MARK --set-xmark 0x100/0xffffffff\n" +
          "-A INPUT -d 10.0.0.4/32 -j MARK --set-xmark 0x100/0xffffffff\n",
      ),
    ),
    rule(
      f,
      sandbox("ingress_sbox", "iptables -t nat -S"),
      after(resolverJump, "-A POSTROUTING -d 10.0.0.0/24 -m ipvs --ipvs -j SNAT --to-source 10.0.0.2\n"),
    ),
    rule(f, sandbox("ingress_sbox", "ip addr"), after(eth0, vip("10.0.0.4"))),
    rule(
      f,
      sandbox("lb_", "iptables -t mangle -S"),
      after(policy, "-A INPUT -d 10.0.1.2/32 -j MARK --set-xmark 0x101/0xffffffff\n"),
    ),
    rule(
      f,
      sandbox("lb_", "iptables -t nat -S"),
      after(resolverJump, "-A POSTROUTING -d 10.0.1.0/24 -m ipvs --ipvs -j SNAT --to-source 10.0.1.5\n"),
    ),
    rule(f, sandbox("lb_", "ip addr"), after(eth0, vip("10.0.1.2"))),
    rule(f, /^iptables -t nat -S$/, (t) =>
      t
        .replace(/^(-N DOCKER\n)/m, "$1-N DOCKER-INGRESS\n")
        .replace(/^(-A PREROUTING )/m, "$1-m addrtype --dst-type LOCAL -j DOCKER-INGRESS\n$1")
        .replace(/^(-A OUTPUT )/m, "$1-m addrtype --dst-type LOCAL -j DOCKER-INGRESS\n$1")
        .replace(/^(-A POSTROUTING )/m, "$1-o docker_gwbridge -m addrtype --src-type LOCAL -j MASQUERADE\n$1")
        .replace(
          /(\n)$/,
          "$1-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080\n-A DOCKER-INGRESS -j RETURN\n",
        ),
    ),
    rule(f, /^iptables -S$/, (t) =>
      t
        .replace(/^(-N DOCKER\n)/m, "$1-N DOCKER-INGRESS\n")
        .replace(/^(-A FORWARD -j DOCKER-USER\n)/m, "$1-A FORWARD -j DOCKER-INGRESS\n")
        .replace(
          /^(-A DOCKER-ISOLATION-STAGE-1 )/m,
          "-A DOCKER-INGRESS -p tcp -m tcp --sport 8080 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n" +
            "-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT\n-A DOCKER-INGRESS -j RETURN\n$1",
        ),
    ),
  ];
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
