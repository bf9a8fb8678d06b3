/** What `help` prints: what the lab is, and commands to try, in the order the tutorials teach them. */
export const HELP_TEXT = `Docker Network Lab: a simulated Docker host (host1) on a home LAN, in your browser.
Type real commands; the graph above shows every namespace, bridge and veth pair, and
animates each packet your commands send. Nothing leaves this page.

Start here
  docker network ls                          the three networks a fresh daemon has
  docker run -itd --name busy1 busybox       a container on the default bridge (docker0)
  docker run -itd --name busy2 busybox
  docker exec busy1 ping -c 2 172.17.0.3     containers reach each other by IP ...
  docker exec busy1 ping -c 1 busy2          ... but not by name on the default bridge
  docker network create mynet                a user-defined bridge with an embedded DNS
  docker run -itd --name web --net mynet nginx
  docker run -it --rm --net mynet busybox sh   then: ping -c 1 web, nslookup web, exit
  docker run -d -p 8080:80 --name site nginx   publish a port, then: curl localhost:8080
  ssh laptop                                 a shell on the laptop next to host1 on the LAN:
                                             curl 192.168.0.102:8080 from there, then exit

Look inside
  ip addr, ip route, ip neigh, brctl show, bridge fdb, ifconfig
  iptables -t nat -L -n, iptables -S, ss -tlnp, conntrack -L
  docker inspect NAME, docker network inspect NAME, docker port NAME
  cat /etc/hosts, cat /etc/resolv.conf       inside a container (docker exec NAME cat ...)

Build it by hand (seed 002)
  ip netns add red, ip link add A type veth peer name B, brctl addif docker0 A,
  ip link set B netns red, ip netns exec red ip addr add 172.17.0.10/16 dev B ...

Terminal
  Left/Right, Home/End (Ctrl+A/E), Ctrl+Left/Right word; Ctrl+U/K/W cut, Ctrl+Y paste back
  Up/Down history; Ctrl+R search it (again: older; Enter runs; Esc cancels)
  Tab completes commands, flags, containers, networks, images, files; Tab Tab lists
  Ctrl+C stops a command or drops the line; Ctrl+D leaves a container shell
  Ctrl+P Ctrl+Q detaches from a container (it keeps running); Ctrl+L clears
  Select to copy, Ctrl+V to paste (a pasted script runs line by line)
  Ctrl+= / Ctrl+- / Ctrl+0 text size
  Tabs: Alt+T new, Alt+W close, Alt+1..9 switch, double-click or F2 rename
  Alt+M switches Realtime / Step by step; Alt+S skips the packets' animation to its end
  docker --help, docker run --help, docker network --help for the full usage.
`;
