/**
 * iptables 1.8.9 (nf_tables) on the host: the listings of Docker's ruleset and a student's own
 * rules in DOCKER-USER and user chains, with iptables' error wording and exit codes.
 */
import { describe, expect, it } from "vitest";
import { replay } from "../../../../testing/transcript";
import { createLab } from "../../../lab";

describe("iptables", () => {
  it("edits DOCKER-USER and user chains, listing them in every form", () => {
    const lab = createLab();
    const { expected, actual } = replay(
      lab,
      `
$ iptables -L DOCKER-USER -n
Chain DOCKER-USER (1 references)
target     prot opt source               destination         
RETURN     0    --  0.0.0.0/0            0.0.0.0/0           
[exit 0]

$ iptables -I DOCKER-USER -s 10.9.9.9 -j DROP
[exit 0]

$ iptables -A DOCKER-USER -p tcp --dport 8080 -j REJECT
[exit 0]

$ iptables -A DOCKER-USER -i eth0 ! -s 192.168.0.0/24 -m conntrack --ctstate NEW -j DROP
[exit 0]

$ iptables -L DOCKER-USER -n --line-numbers
Chain DOCKER-USER (1 references)
num  target     prot opt source               destination         
1    DROP       0    --  10.9.9.9             0.0.0.0/0           
2    RETURN     0    --  0.0.0.0/0            0.0.0.0/0           
3    REJECT     6    --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 reject-with icmp-port-unreachable
4    DROP       0    -- !192.168.0.0/24       0.0.0.0/0            ctstate NEW
[exit 0]

$ iptables -L DOCKER-USER -n -v
Chain DOCKER-USER (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 DROP       0    --  *      *       10.9.9.9             0.0.0.0/0           
    0     0 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0           
    0     0 REJECT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 reject-with icmp-port-unreachable
    0     0 DROP       0    --  eth0   *      !192.168.0.0/24       0.0.0.0/0            ctstate NEW
[exit 0]

$ iptables -S DOCKER-USER
-N DOCKER-USER
-A DOCKER-USER -s 10.9.9.9/32 -j DROP
-A DOCKER-USER -j RETURN
-A DOCKER-USER -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable
-A DOCKER-USER ! -s 192.168.0.0/24 -i eth0 -m conntrack --ctstate NEW -j DROP
[exit 0]

$ iptables -D DOCKER-USER 2
[exit 0]

$ iptables -D DOCKER-USER -s 10.9.9.9 -j DROP
[exit 0]

$ iptables -D DOCKER-USER -s 10.9.9.9 -j DROP
iptables: Bad rule (does a matching rule exist in that chain?).
[exit 1]

$ iptables -D DOCKER-USER 9
iptables: Index of deletion too big.
[exit 1]

$ iptables -S DOCKER-USER
-N DOCKER-USER
-A DOCKER-USER -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable
-A DOCKER-USER ! -s 192.168.0.0/24 -i eth0 -m conntrack --ctstate NEW -j DROP
[exit 0]

$ iptables -F DOCKER-USER
[exit 0]

$ iptables -N MYCHAIN
[exit 0]

$ iptables -N MYCHAIN
iptables: Chain already exists.
[exit 1]

$ iptables -A MYCHAIN -j ACCEPT
[exit 0]

$ iptables -X MYCHAIN
iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain MYCHAIN
[exit 4]

$ iptables -F MYCHAIN
[exit 0]

$ iptables -X MYCHAIN
[exit 0]

$ iptables -X MYCHAIN
iptables: No chain/target/match by that name.
[exit 1]

$ iptables -A NOSUCH -j ACCEPT
iptables: No chain/target/match by that name.
[exit 1]

$ iptables -A DOCKER-USER -j NOSUCH
iptables v1.8.9 (nf_tables): Chain 'NOSUCH' does not exist
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables -A DOCKER-USER -p foo -j ACCEPT
iptables v1.8.9 (nf_tables): unknown protocol "foo" specified
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables -A DOCKER-USER -s 300.1.1.1 -j ACCEPT
iptables v1.8.9 (nf_tables): host/network \`300.1.1.1' not found
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables -A DOCKER-USER --bogus -j ACCEPT
iptables v1.8.9 (nf_tables): unknown option "--bogus"
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables -P FORWARD ACCEPT
[exit 0]

$ iptables -P DOCKER-USER DROP
iptables: Bad built-in chain name.
[exit 1]

$ iptables -P FORWARD MAYBE
iptables: Bad policy name. Run \`dmesg' for more information.
[exit 1]

$ iptables -L FORWARD -n
Chain FORWARD (policy ACCEPT)
target     prot opt source               destination         
DOCKER-USER  0    --  0.0.0.0/0            0.0.0.0/0           
DOCKER-ISOLATION-STAGE-1  0    --  0.0.0.0/0            0.0.0.0/0           
ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
DOCKER     0    --  0.0.0.0/0            0.0.0.0/0           
ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0           
ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0           
[exit 0]

$ iptables -t nat -L POSTROUTING -n -v
Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 MASQUERADE  0    --  *      !docker0  172.17.0.0/16        0.0.0.0/0           
[exit 0]

$ iptables -t mangle -L
iptables v1.8.9 (nf_tables): table 'mangle' does not exist
Perhaps iptables or your kernel needs to be upgraded.
[exit 3]

$ iptables -t bogus -L
iptables v1.8.9 (nf_tables): table 'bogus' does not exist
Perhaps iptables or your kernel needs to be upgraded.
[exit 3]

$ iptables -L NOSUCH
iptables: No chain/target/match by that name.
[exit 1]

$ iptables -Z
[exit 0]

$ iptables -x
iptables v1.8.9 (nf_tables): no command specified
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables
iptables v1.8.9 (nf_tables): no command specified
Try \`iptables -h' or 'iptables --help' for more information.
[exit 2]

$ iptables -V
iptables v1.8.9 (nf_tables)
[exit 0]

$ iptables -I DOCKER-USER 5 -j ACCEPT
iptables: Index of insertion too big.
[exit 1]

$ iptables -I DOCKER-USER 1 -p udp --dport 53 -j ACCEPT
[exit 0]

$ iptables -R DOCKER-USER 1 -p icmp --icmp-type echo-request -j DROP
[exit 0]

$ iptables -R DOCKER-USER 7 -j DROP
iptables: Index of replacement too big.
[exit 1]

$ iptables -A DOCKER-USER -p tcp -m multiport --dports 80,443 -m comment --comment "web" -j LOG --log-prefix "web: "
[exit 0]

$ iptables -S DOCKER-USER
-N DOCKER-USER
-A DOCKER-USER -p icmp -m icmp --icmp-type 8 -j DROP
-A DOCKER-USER -p tcp -m multiport --dports 80,443 -m comment --comment web -j LOG --log-prefix "web: "
[exit 0]

$ iptables -L DOCKER-USER -n
Chain DOCKER-USER (1 references)
target     prot opt source               destination         
DROP       1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8
LOG        6    --  0.0.0.0/0            0.0.0.0/0            multiport dports 80,443 /* web */ LOG flags 0 level 4 prefix "web: "
[exit 0]

$ iptables -t nat -A POSTROUTING -s 10.8.0.0/24 -o eth0 -j SNAT --to-source 192.168.0.102
[exit 0]

$ iptables -t nat -S POSTROUTING
-P POSTROUTING ACCEPT
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A POSTROUTING -s 10.8.0.0/24 -o eth0 -j SNAT --to-source 192.168.0.102
[exit 0]

$ iptables -C DOCKER-USER -j RETURN
iptables: Bad rule (does a matching rule exist in that chain?).
[exit 1]

$ iptables -C DOCKER-USER -j DROP
iptables: Bad rule (does a matching rule exist in that chain?).
[exit 1]
`,
    );
    expect(actual).toBe(expected);
  });
});
