/** The options before `ip`'s object (`ip -br -4 addr`), as iproute2 and busybox read them. */

import { ToolExit } from "../../../command";
import { busyboxUsage } from "../../busybox";
import { invarg, matches, type Style } from "./args";

export interface Globals {
  family: "any" | "inet" | "inet6" | "link";
  brief: boolean;
  oneline: boolean;
  details: boolean;
  /** How many times `-s` was given; a second one (the error breakdown) is not modelled. */
  stats: number;
  /** `-n NAME`: run in that named namespace. */
  netns?: string;
  /** `-V`: print the version and nothing else. */
  version: boolean;
}

export const IPROUTE2_VERSION = "ip utility, iproute2-6.1.0, libbpf 1.1.0\n";

export const IPROUTE2_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

const FAMILIES: Record<string, Globals["family"]> = { inet: "inet", inet6: "inet6", link: "link" };

/** Reads the leading options; returns them and the words from the object on. */
export function parseGlobals(words: string[], style: Style): { g: Globals; rest: string[] } {
  const g: Globals = {
    family: "any",
    brief: false,
    oneline: false,
    details: false,
    stats: 0,
    version: false,
  };
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "--") {
      i++;
      break;
    }
    if (!word.startsWith("-")) break;
    const opt = word.startsWith("--") ? word.slice(1) : word;
    const family = (): Globals["family"] => {
      const name = words[++i];
      if (name === undefined) throw new ToolExit(255, 'Error: argument "family type" is required\n');
      const f = FAMILIES[name];
      if (!f) throw invarg(style, "invalid protocol family", name);
      return f;
    };
    if (style === "busybox") {
      const key = ["oneline", "family", "4", "6", "0"].find((k) => k.startsWith(opt.slice(1)));
      if (!key || opt === "-") throw busyboxUsage("ip");
      if (key === "oneline") g.oneline = true;
      else if (key === "family") g.family = family();
      else g.family = key === "4" ? "inet" : key === "6" ? "inet6" : "link";
      continue;
    }
    if (opt === "-4") g.family = "inet";
    else if (opt === "-6") g.family = "inet6";
    else if (opt === "-0") g.family = "link";
    else if (matches(opt, "-family")) g.family = family();
    else if (matches(opt, "-human") || matches(opt, "-human-readable") || matches(opt, "-iec")) continue;
    else if (matches(opt, "-stats") || matches(opt, "-statistics")) g.stats++;
    else if (matches(opt, "-details")) g.details = true;
    else if (matches(opt, "-resolve")) continue;
    else if (matches(opt, "-oneline")) g.oneline = true;
    else if (matches(opt, "-Version")) g.version = true;
    else if (matches(opt, "-brief")) g.brief = true;
    else if (matches(opt, "-color")) continue;
    else if (matches(opt, "-help")) throw new ToolExit(255, IPROUTE2_USAGE);
    else if (matches(opt, "-netns")) {
      const name = words[++i];
      if (name === undefined) throw new ToolExit(255, 'Command line is not complete. Try option "help"\n');
      g.netns = name;
    } else if (matches(opt, "-Numeric") || matches(opt, "-all") || matches(opt, "-force")) continue;
    else throw new ToolExit(255, `Option "${opt}" is unknown, try "ip -help".\n`);
  }
  return { g, rest: words.slice(i) };
}
