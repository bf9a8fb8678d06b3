/**
 * net-tools (`ifconfig`, `route`, `netstat`, `arp`) and iproute2's `ss` on the host and in Debian
 * images, busybox's versions in busybox containers: views of the kernel model and the ioctls'
 * errors, each tool in its own words and exit status.
 */
import { describe, expect, it } from "vitest";
import { linkLocalFor } from "../../../engine/linux/addrconf";
import { replay } from "../../../testing/transcript";
import { createLab, type Lab, run } from "../../lab";
import { linkIn } from "./test-links";

function expectTranscript(lab: Lab, transcript: string): void {
  const { expected, actual } = replay(lab, transcript);
  expect(actual).toBe(expected);
}

describe("net-tools, ss and their busybox cousins", () => {
  it("show interfaces, routes and listeners in each flavour", () => {
    const lab = createLab();
    for (const line of [
      "docker run -d --name b1 busybox sleep 3600",
      "docker run -d --name t1 billygoo/tomcat8-jdk8",
      "docker run -d --name w1 -p 8080:80 nginx",
    ])
      expect(run(lab, line).exit).toBe(0);
    const docker0 = linkIn(lab, "host1", "docker0");
    const proxy = (lab.world.netns.host1?.sockets ?? [])
      .filter((s) => s.program === "docker-proxy")
      .map((s) => s.pid);
    expectTranscript(
      lab,
      `
$ ifconfig docker0
docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
        inet6 ${linkLocalFor(docker0.mac)}  prefixlen 64  scopeid 0x20<link>
        ether ${docker0.mac}  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

[exit 0]

$ ifconfig -a lo
lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        inet6 ::1  prefixlen 128  scopeid 0x10<host>
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

[exit 0]

$ ifconfig nosuch
nosuch: error fetching interface information: Device not found
[exit 1]

$ route -n
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         192.168.0.1     0.0.0.0         UG    0      0        0 eth0
172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0
192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0
[exit 0]

$ netstat -rn
Kernel IP routing table
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
0.0.0.0         192.168.0.1     0.0.0.0         UG        0 0          0 eth0
172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 docker0
192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0
[exit 0]

$ netstat -tlnp
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    
tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      ${proxy[0]}/docker-proxy   
tcp6       0      0 :::8080                 :::*                    LISTEN      ${proxy[1]}/docker-proxy   
[exit 0]

$ ss -tlnp
State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                                
LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*    users:(("docker-proxy",pid=${proxy[0]},fd=4))
LISTEN 0      4096            [::]:8080         [::]:*    users:(("docker-proxy",pid=${proxy[1]},fd=4))
[exit 0]

$ ss -tln
State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*          
LISTEN 0      4096            [::]:8080         [::]:*          
[exit 0]

$ ss -ulnp
State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
[exit 0]

$ arp -n
Address                  HWtype  HWaddress           Flags Mask            Iface
192.168.0.1              ether   ${linkIn(lab, "router", "eth0").mac}   C                     eth0
[exit 0]

$ docker exec b1 ifconfig eth0
eth0      Link encap:Ethernet  HWaddr 02:42:AC:11:00:02  
          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0
          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
          RX packets:0 errors:0 dropped:0 overruns:0 frame:0
          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:0 
          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)

[exit 0]

$ docker exec b1 ifconfig nosuch
ifconfig: nosuch: error fetching interface information: Device not found
[exit 1]

$ docker exec b1 route -n
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0
172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0
[exit 0]

$ docker exec b1 netstat -tln
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       
[exit 0]

$ docker exec t1 ifconfig eth0
eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 172.17.0.3  netmask 255.255.0.0  broadcast 172.17.255.255
        ether 02:42:ac:11:00:03  txqueuelen 0  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

[exit 0]

$ docker exec t1 route -n
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0
172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0
[exit 0]

$ docker exec t1 netstat -tln
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State      
tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN     
[exit 0]
`,
    );
  });

  it("configures an interface word by word, each ifconfig failing its own way", () => {
    const lab = createLab();
    for (const line of [
      "docker run -d --name b1 busybox sleep 3600",
      "docker run -d --name t1 billygoo/tomcat8-jdk8",
      "ip link add d0 type dummy",
    ])
      expect(run(lab, line).exit).toBe(0);
    const d0 = linkIn(lab, "host1", "d0");
    expectTranscript(
      lab,
      `
$ ifconfig d0 10.1.2.3
[exit 0]

$ ifconfig d0
d0: flags=195<UP,BROADCAST,RUNNING,NOARP>  mtu 1500
        inet 10.1.2.3  netmask 255.0.0.0  broadcast 10.255.255.255
        inet6 ${linkLocalFor(d0.mac)}  prefixlen 64  scopeid 0x20<link>
        ether ${d0.mac}  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

[exit 0]

$ ifconfig d0 netmask 255.255.255.0 broadcast 10.1.2.200
[exit 0]

$ ifconfig d0 10.5.0.1/24 mtu 9000
[exit 0]

$ ifconfig -s
Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
d0               9000        0      0      0 0             0      0      0      0 BORU
docker0          1500        0      0      0 0             0      0      0      0 BMRU
eth0             1500        3      0      0 0             3      0      0      0 BMRU
lo              65536        0      0      0 0             0      0      0      0 LRU
veth7ce1a8b      1500        0      0      0 0             0      0      0      0 BMRU
veth7530b51      1500        0      0      0 0             0      0      0      0 BMRU
[exit 0]

$ netstat -i
Kernel Interface table
Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
d0               9000        0      0      0 0             0      0      0      0 BORU
docker0          1500        0      0      0 0             0      0      0      0 BMRU
eth0             1500        3      0      0 0             3      0      0      0 BMRU
lo              65536        0      0      0 0             0      0      0      0 LRU
veth7ce1a8b      1500        0      0      0 0             0      0      0      0 BMRU
veth7530b51      1500        0      0      0 0             0      0      0      0 BMRU
[exit 0]

$ ifconfig d0 netmask 255.0.255.0
SIOCSIFNETMASK: Invalid argument
[exit 1]

$ ifconfig d0 down mtu 100000 up
[exit 0]

$ ifconfig nosuch up
nosuch: ERROR while getting interface flags: No such device
[exit 255]

$ ifconfig nosuch mtu 1400
SIOCSIFMTU: No such device
[exit 1]

$ ifconfig nosuch 1.2.3.4
SIOCSIFADDR: No such device
nosuch: ERROR while getting interface flags: No such device
[exit 255]

$ ifconfig d0 foo
foo: Unknown host
ifconfig: \`--help' gives usage information.
[exit 1]

$ ifconfig d0 -broadcast
Warning: Interface d0 still in BROADCAST mode.
[exit 0]

$ ifconfig d0 name d9
SIOCSIFNAME: Device or resource busy
[exit 1]

$ ifconfig d0 down name d9
[exit 0]

$ ifconfig -z
ifconfig: option \`-z' not recognised.
ifconfig: \`--help' gives usage information.
[exit 1]

$ ifconfig -V
net-tools 2.10
[exit 0]

$ netstat -z
netstat: invalid option -- 'z'
usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
[exit 3]

$ docker exec b1 ifconfig eth0 down
ifconfig: SIOCSIFFLAGS: Operation not permitted
[exit 1]

$ docker exec b1 ifconfig eth0 1.2.3.4/24
ifconfig: bad address '1.2.3.4/24'
[exit 1]

$ docker exec b1 ifconfig eth0 1.2.3.4
ifconfig: SIOCSIFADDR: Operation not permitted
[exit 1]

$ docker exec b1 ifconfig nosuch mtu 1400
ifconfig: SIOCSIFMTU: No such device
[exit 1]

$ docker exec b1 ifconfig eth0 up
ifconfig: SIOCSIFFLAGS: Operation not permitted
[exit 1]

$ docker exec b1 ifconfig eth0 -mtu 5
ifconfig: bad: '-mtu'
[exit 1]

$ docker exec b1 ifconfig eth0 mtu
BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: ifconfig [-a] [IFACE] [ADDRESS]

Configure a network interface

\t[add ADDRESS[/PREFIXLEN]]
\t[del ADDRESS[/PREFIXLEN]]
\t[[-]broadcast [ADDRESS]] [[-]pointopoint [ADDRESS]]
\t[netmask ADDRESS] [dstaddr ADDRESS]
\t[outfill NN] [keepalive NN]
\t[hw ether|infiniband ADDRESS] [metric NN] [mtu NN]
\t[[-]trailers] [[-]arp] [[-]allmulti]
\t[multicast] [[-]promisc] [txqueuelen NN] [[-]dynamic]
\t[mem_start NN] [io_addr NN] [irq NN]
\t[up|down] ...
[exit 1]

$ docker exec t1 ifconfig eth0 mtu 1400 down
SIOCSIFMTU: Operation not permitted
SIOCSIFFLAGS: Operation not permitted
[exit 255]

$ docker exec t1 ifconfig -s
Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
eth0             1500        0      0      0 0             0      0      0      0 BMRU
lo              65536        0      0      0 0             0      0      0      0 LRU
[exit 0]
`,
    );
  });

  it("adds and deletes routes with route's rtentry checks and the kernel's answers", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
    expectTranscript(
      lab,
      `
$ route add -net 10.20.0.0/16 gw 192.168.0.50
[exit 0]

$ route add -net 10.20.0.0 netmask 255.255.0.0 gw 192.168.0.50
SIOCADDRT: File exists
[exit 7]

$ route add -net 10.21.0.0 gw 192.168.0.50
SIOCADDRT: Invalid argument
[exit 7]

$ route add 10.22.0.0/16 gw 192.168.0.50
route: netmask 0000ffff doesn't make sense with host route
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 3]

$ route add -net 10.23.0.0 netmask 255.0.255.0 gw 192.168.0.50
route: bogus netmask 255.0.255.0
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 3]

$ route add -net 10.24.0.1/16 gw 192.168.0.50
route: netmask doesn't match route address
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 3]

$ route add -host 10.30.0.1 dev docker0
[exit 0]

$ route add default gw 192.168.0.254
[exit 0]

$ route add default gw default
route: default: cannot use a NETWORK as gateway!
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 3]

$ route add -net 10.40.0.0/16 gw 10.99.0.1
SIOCADDRT: Network is unreachable
[exit 7]

$ route add -net 10.40.0.0/16 dev nosuch
SIOCADDRT: No such device
[exit 7]

$ route add foo.bar
foo.bar: Unknown host
[exit 6]

$ route add -net 10.50.0.0/16 gw 192.168.0.50 bogus extra
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 3]

$ route -n
Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         192.168.0.254   0.0.0.0         UG    0      0        0 eth0
0.0.0.0         192.168.0.1     0.0.0.0         UG    0      0        0 eth0
10.20.0.0       192.168.0.50    255.255.0.0     UG    0      0        0 eth0
10.30.0.1       0.0.0.0         255.255.255.255 UH    0      0        0 docker0
172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0
192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0
[exit 0]

$ route del default gw 192.168.0.254
[exit 0]

$ route del -net 10.20.0.0/16
[exit 0]

$ route del -net 10.20.0.0/16
SIOCDELRT: No such process
[exit 7]

$ route add
Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
[exit 0]

$ route foo
Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
[exit 3]

$ route -z
route: invalid option -- 'z'
Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
[exit 0]

$ docker exec b1 route add default gw 172.17.0.9
route: SIOCADDRT: Operation not permitted
[exit 1]

$ docker exec b1 route add -net 10.0.0.0/99 gw 172.17.0.9
route: invalid number '99'
[exit 1]

$ docker exec b1 route add foo
route: resolving foo
[exit 1]

$ docker exec b1 route add 10.1.0.0/16 gw 172.17.0.1
route: netmask 0000ffff and host route conflict
[exit 1]

$ docker exec b1 route -z
route: invalid option -- 'z'
BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: route [-ne] [-A inet[6]] [{add|del} [-net|-host] TARGET [netmask MASK]
\t[gw GATEWAY] [metric N] [mss BYTES] [window BYTES] [reject] [IFACE]]

Show or edit kernel routing tables

\t-n\tDon't resolve names
\t-e\tDisplay other/more information
\t-A inet[6]\tSelect address family
[exit 1]
`,
    );
  });

  it("shows, pins and removes ARP entries", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
    expect(run(lab, "docker exec b1 ping -c 1 172.17.0.1").exit).toBe(0);
    const docker0 = linkIn(lab, "host1", "docker0");
    // arp -a asks the host's resolver (the router) for each name: the router is a neighbour after it.
    const gateway = linkIn(lab, "router", "eth0").mac;
    expectTranscript(
      lab,
      `
$ arp -n
Address                  HWtype  HWaddress           Flags Mask            Iface
172.17.0.2               ether   02:42:ac:11:00:02   C                     docker0
[exit 0]

$ arp -a
? (172.17.0.2) at 02:42:ac:11:00:02 [ether] on docker0
[exit 0]

$ arp -s 192.168.0.77 02:00:00:00:00:77
[exit 0]

$ arp -s 10.99.0.1 02:00:00:00:00:01
SIOCSARP: Network is unreachable
[exit 255]

$ arp -s 192.168.0.78 zz
arp: invalid hardware address
[exit 255]

$ arp -n
Address                  HWtype  HWaddress           Flags Mask            Iface
172.17.0.2               ether   02:42:ac:11:00:02   C                     docker0
192.168.0.1              ether   ${gateway}   C                     eth0
192.168.0.77             ether   02:00:00:00:00:77   CM                    eth0
[exit 0]

$ arp -n 10.0.0.9
10.0.0.9 (10.0.0.9) -- no entry
[exit 0]

$ arp -i docker0
Address                  HWtype  HWaddress           Flags Mask            Iface
172.17.0.2               ether   02:42:ac:11:00:02   C                     docker0
[exit 0]

$ arp -d 192.168.0.77
[exit 0]

$ arp -d 192.168.0.77
No ARP entry for 192.168.0.77
[exit 255]

$ arp -d
arp: need host name
[exit 255]

$ docker exec b1 arp -n
? (172.17.0.1) at ${docker0.mac} [ether]  on eth0
[exit 0]

$ docker exec b1 arp -d 172.17.0.1
arp: SIOCDARP(priv): Operation not permitted
[exit 1]

$ docker exec b1 arp -s 172.17.0.1 02:00:00:00:00:01
arp: SIOCSARP: Operation not permitted
[exit 1]

$ docker exec b1 arp -z
arp: invalid option -- 'z'
BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: arp
[-vn]\t[-H HWTYPE] [-i IF] -a [HOSTNAME]
[-v]\t\t    [-i IF] -d HOSTNAME [pub]
[-v]\t[-H HWTYPE] [-i IF] -s HOSTNAME HWADDR [temp]
[-v]\t[-H HWTYPE] [-i IF] -s HOSTNAME HWADDR [netmask MASK] pub
[-v]\t[-H HWTYPE] [-i IF] -Ds HOSTNAME IFACE [netmask MASK] pub

Manipulate ARP cache

\t-a\t\tDisplay (all) hosts
\t-d\t\tDelete ARP entry
\t-s\t\tSet new entry
\t-v\t\tVerbose
\t-n\t\tDon't resolve names
\t-i IF\t\tNetwork interface
\t-D\t\tRead HWADDR from IFACE
\t-A,-p AF\tProtocol family
\t-H HWTYPE\tHardware address type
[exit 1]
`,
    );
  });
});
