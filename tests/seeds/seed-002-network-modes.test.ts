/**
 * Seed 002 (Russian): network modes. §3 wires a `--network=none` nginx container by hand (PID,
 * nsenter, /var/run/netns, a veth pair, brctl addif, ip netns exec) until `curl 172.17.0.10` gets its
 * page; §5 host mode, §6 container mode, §7 a user network with connect, disconnect and rm, §8 names.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/shell/lab";
import { graphModel } from "../../src/view/graph-model";
import { type } from "./helpers";

describe("seed 002: network modes", () => {
  it("§3 wires a none container by hand exactly as Docker would, and nginx answers on 172.17.0.10", () => {
    const lab = createLab();
    expect(type(lab, "apt install bridge-utils").out).toContain("bridge-utils is already the newest version");
    expect(type(lab, "brctl show").out).toMatch(
      /^bridge name\tbridge id\t\tSTP enabled\tinterfaces\ndocker0\t\t8000\.0242[0-9a-f]{8}\tno\t\t\n$/,
    );
    expect(type(lab, "mkdir -p /var/run/netns").exit).toBe(0);
    const id = type(lab, "docker run --network=none -d nginx").out.trim().split("\n").at(-1) ?? "";
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(type(lab, "docker ps|grep nginx").out).toContain(id.slice(0, 12));
    const pidLine = type(lab, `docker inspect ${id.slice(0, 12)} |grep -i pid`).out;
    const pid = pidLine.match(/"Pid": (\d+)/)?.[1] ?? "";
    expect(pid).not.toBe("");
    type(lab, `export pid=${pid}`);
    expect(type(lab, "nsenter -t $pid -n ip a").out).toMatch(
      /^1: lo: <LOOPBACK,UP,LOWER_UP>[^\n]*\n(.*\n){5}$/,
    );
    expect(type(lab, "ln -s /proc/$pid/ns/net /var/run/netns/$pid").exit).toBe(0);
    expect(type(lab, "ip netns list").out).toBe(`${pid}\n`);
    for (const line of [
      "ip link add A type veth peer name B",
      "brctl addif docker0 A",
      "ip link set A up",
      "SETIP=172.17.0.10",
      "SETMASK=16",
      "GATEWAY=172.17.0.1",
      "ip link set B netns $pid",
      "ip netns exec $pid ip link set dev B name eth0",
      "ip netns exec $pid ip link set eth0 up",
      "ip netns exec $pid ip addr add $SETIP/$SETMASK dev eth0",
      "ip netns exec $pid ip route add default via $GATEWAY",
    ]) {
      expect(type(lab, line), line).toEqual({ out: "", exit: 0 });
    }
    expect(type(lab, "ip netns exec $pid ip addr").out).toMatch(
      /\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 0\n {4}inet 172\.17\.0\.10\/16 scope global eth0\n/,
    );
    expect(type(lab, "brctl show").out).toMatch(/^docker0\t\t8000\.\w{12}\tno\t\tA$/m);
    expect(type(lab, "curl 172.17.0.10").out).toContain("<h1>Welcome to nginx!</h1>");
    // The graph draws the hand-made attachment like any container's: a cable from docker0.
    const cable = graphModel(lab.world).edges.find((e) => e.kind === "veth" && e.sourceLabel.startsWith("A"));
    expect(cable).toBeDefined();
  });

  it("§4 bridge mode: docker inspect shows the address and gateway in NetworkSettings", () => {
    const lab = createLab();
    type(lab, "docker run -d --name n01 nginx");
    expect(
      type(lab, "docker inspect -f '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.Gateway}}' n01").out,
    ).toBe("172.17.0.2 172.17.0.1\n");
    expect(type(lab, "docker network inspect bridge").out).toContain('"Name": "n01"');
  });

  it("§5 host mode: the container sees the host's interfaces", () => {
    const lab = createLab();
    type(lab, "docker run -itd --network host --name bbox02 busybox");
    const inside = type(lab, "docker exec bbox02 ip addr").out;
    expect(inside).toContain("inet 192.168.0.102/24");
    expect(inside).toContain("docker0");
    expect(type(lab, "docker network inspect host").out).toContain('"Name": "bbox02"');
  });

  it("§6 container mode: bbox04 shares bbox01's namespace and keeps only lo when bbox01 stops", () => {
    const lab = createLab();
    type(lab, "docker run -itd --name bbox01 busybox");
    type(lab, "docker run -itd --network container:bbox01 --name bbox04 busybox");
    const shared = type(lab, "docker exec bbox04 ip addr").out;
    expect(shared).toBe(type(lab, "docker exec bbox01 ip addr").out);
    expect(shared).toContain("inet 172.17.0.2/16");
    type(lab, "docker stop bbox01");
    expect(type(lab, "docker exec bbox04 ip addr").out).not.toContain("eth0");
    type(lab, "docker start bbox01");
    expect(type(lab, "docker exec bbox04 ip addr").out).not.toContain("eth0");
    type(lab, "docker restart bbox04");
    expect(type(lab, "docker exec bbox04 ip addr").out).toContain("inet 172.17.0.2/16");
  });

  it("§7 custom_network: connect adds bridge, disconnect removes it, rm refuses while in use", () => {
    const lab = createLab();
    type(lab, "docker network create custom_network");
    expect(type(lab, "docker network ls").out).toMatch(
      /^[0-9a-f]{12} {3}custom_network {3}bridge {4}local$/m,
    );
    type(lab, "docker run -di --name bbox05 --net custom_network busybox");
    expect(type(lab, "docker network connect bridge bbox05")).toEqual({ out: "", exit: 0 });
    const networks = "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' bbox05";
    expect(type(lab, networks).out).toBe("bridge custom_network \n");
    type(lab, "docker network disconnect custom_network bbox05");
    expect(type(lab, networks).out).toBe("bridge \n");
    type(lab, "docker network connect custom_network bbox05");
    const busy = type(lab, "docker network rm custom_network");
    expect(busy.out).toMatch(
      /^Error response from daemon: error while removing network: network custom_network id [0-9a-f]{64} has active endpoints\n/,
    );
    type(lab, "docker rm -f bbox05");
    expect(type(lab, "docker network rm custom_network").out).toBe("custom_network\n");
  });

  it("§8 names: the default bridge needs IPs, custom_network resolves names", () => {
    const lab = createLab();
    type(lab, "docker run -di --name default_bbox01 busybox");
    type(lab, "docker run -di --name default_bbox02 busybox");
    expect(type(lab, "docker exec -it default_bbox01 ping -c 1 172.17.0.3").out).toContain(
      "1 packets received",
    );
    expect(type(lab, "docker exec -it default_bbox01 ping -c 1 default_bbox02").out).toBe(
      "ping: bad address 'default_bbox02'\n",
    );
    type(lab, "docker network create custom_network");
    type(lab, "docker run -di --name custom_bbox01 --net custom_network busybox");
    type(lab, "docker run -di --name custom_bbox02 --net custom_network busybox");
    expect(type(lab, "docker exec -it custom_bbox01 ping -c 1 custom_bbox02").out).toMatch(
      /^PING custom_bbox02 \(172\.18\.0\.3\)/,
    );
    type(lab, "docker network connect custom_network default_bbox01");
    expect(type(lab, "docker exec -it default_bbox01 ping -c 1 custom_bbox01").out).toContain(
      "1 packets received",
    );
  });
});
