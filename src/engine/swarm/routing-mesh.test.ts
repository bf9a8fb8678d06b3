/**
 * A service's virtual IP and the routing mesh (built from libnetwork's service_linux.go: the
 * recording machine had no IPVS). The VIP answers from any node's load balancer, which spreads new
 * connections round robin over the running tasks wherever they run; a published port answers on
 * every node's eth0, through ingress, even on a node without a task.
 */
import { describe, expect, it } from "vitest";
import { hostSession, printed } from "../../shell/lab";
import { addressOn, ok, swarmOfTwo, type } from "../../testing/swarm-lab";
import type { Hop, Trace } from "../packet/types";

function webService() {
  const lab = swarmOfTwo();
  ok(lab, "docker network create -d overlay --attachable app");
  ok(lab, "docker service create -d --name web --replicas 2 --network app -p 8080:80 busybox httpd -f -p 80");
  lab.sessions.push(hostSession("laptop", "laptop"));
  return lab;
}

function tcp(traces: Trace[]): Trace {
  const t = traces.find((x) => x.protocol === "TCP");
  if (!t) throw new Error("no TCP trace");
  return t;
}

/** The real server IPVS chose for the connection's first packet (round robin). */
function chosen(t: Trace): string | undefined {
  for (const { note } of t.hops) if (note.kind === "ipvs" && note.servers !== undefined) return note.to;
  return undefined;
}

function replyAt(t: Trace, dst: string): Hop | undefined {
  return t.hops.find(
    (h) => h.decision === "delivered" && h.packet.ip?.dst === dst && h.packet.tcp?.flags === "S.",
  );
}

describe("a service's virtual IP", () => {
  const lab = webService();
  ok(lab, "docker run -dit --name probe --network app busybox");
  const vip = ok(lab, `docker service inspect -f '{{range .Endpoint.VirtualIPs}}{{.Addr}} {{end}}' web`)
    .trim()
    .split(" ")
    .map((a) => a.split("/")[0])[1];
  const tasks = ok(lab, "docker exec probe nslookup tasks.web")
    .split("\n")
    .filter((l) => l.startsWith("Address") && !l.includes("127.0.0.11"))
    .map((l) => l.split(/\s+/).pop() ?? "")
    .sort();

  it("is the service's name in the embedded DNS, tasks.NAME its tasks' addresses", () => {
    expect(vip).toMatch(/^10\.0\.1\.\d+$/);
    expect(ok(lab, "docker exec probe nslookup web")).toContain(`Address: ${vip}`);
    expect(tasks).toHaveLength(2);
    expect(ok(lab, "docker service ps --format '{{.Node}}' web").split("\n").filter(Boolean).sort()).toEqual([
      "host1",
      "host2",
    ]);
  });

  it("spreads new connections round robin over the tasks on both hosts, the answers coming from the VIP", () => {
    const first = type(lab, `docker exec probe wget -q -O - -T 2 http://${vip}/`);
    const second = type(lab, `docker exec probe wget -q -O - -T 2 http://${vip}/`);
    expect(printed(first)).toBe("wget: server returned error: HTTP/1.1 404 Not Found\n");
    const servers = [chosen(tcp(first.traces)), chosen(tcp(second.traces))].sort();
    expect(servers).toEqual(tasks);
    for (const e of [first, second]) {
      const t = tcp(e.traces);
      const lb = t.hops.find((h) => h.note.kind === "ipvs");
      expect(lb?.netns).toMatch(/^host1\/lb_/);
      const reply = replyAt(t, addressOn(lab, "host1", "probe", "app"));
      expect(reply?.packet.ip?.src).toBe(vip);
    }
    const acrossHosts = [first, second].filter((e) => tcp(e.traces).hops.some((h) => h.packet.vxlan));
    expect(acrossHosts).toHaveLength(1);
  });
});

describe("the routing mesh", () => {
  it("answers a published port on every node's eth0, passing through ingress_sbox to a task", () => {
    const lab = webService();
    for (const node of ["192.168.0.102", "192.168.0.101"]) {
      const e = type(lab, `curl -s -o /dev/null -w '%{http_code}' http://${node}:8080/`, "laptop");
      expect(printed(e)).toBe("404");
      const t = tcp(e.traces);
      const names = t.hops.map((h) => h.netns);
      expect(names.some((n) => n.endsWith("/ingress_sbox"))).toBe(true);
      const nats = t.hops.map((h) => h.note).filter((n) => n.kind === "nat" && !n.conntrack);
      expect(nats).toContainEqual({ kind: "nat", nat: "DNAT", from: `${node}:8080`, to: "172.18.0.2:8080" });
      expect(nats.some((n) => n.kind === "nat" && n.nat === "REDIRECT" && n.to.endsWith(":80"))).toBe(true);
      expect(replyAt(t, "192.168.0.105")?.packet.ip?.src).toBe(node);
    }
  });

  it("reaches the task over VXLAN from a node that runs none", () => {
    const lab = webService();
    ok(lab, "docker service update -d --replicas 1 --constraint-add node.hostname==host2 web");
    ok(lab, "sleep 15");
    expect(ok(lab, "docker ps -q", "host1")).toBe("");
    const e = type(lab, "curl -s -o /dev/null -w '%{http_code}' http://192.168.0.102:8080/", "laptop");
    expect(printed(e)).toBe("404");
    const t = tcp(e.traces);
    const wrapped = t.hops.find((h) => h.netns === "lan" && h.packet.vxlan);
    expect(wrapped?.packet.ip).toMatchObject({ src: "192.168.0.102", dst: "192.168.0.101" });
    expect(wrapped?.packet.vxlan?.inner.ip?.src).toBe("10.0.0.2");
  });

  it("is taken down with the service: no DOCKER-INGRESS rule for its port, no VIP on the load balancer", () => {
    const lab = webService();
    ok(lab, "docker service rm web");
    expect(ok(lab, "iptables -t nat -S DOCKER-INGRESS")).toBe(
      "-N DOCKER-INGRESS\n-A DOCKER-INGRESS -j RETURN\n",
    );
    expect(ok(lab, "nsenter --net=/var/run/docker/netns/ingress_sbox ip -br addr show eth0")).not.toContain(
      "/32",
    );
    const e = type(lab, "curl -s -m 2 http://192.168.0.102:8080/", "laptop");
    expect(e.exit).not.toBe(0);
  });
});

describe("Docker's overlay tutorial, the service part", () => {
  it("runs an image no node has yet: each node's daemon pulls it for its tasks, and port 80 answers on both", () => {
    const lab = swarmOfTwo();
    ok(lab, "docker network create -d overlay nginx-net");
    expect(type(lab, "docker images -q nginx", "host2").chunks).toEqual([]);
    const created = ok(
      lab,
      "docker service create --name my-nginx --publish target=80,published=80 --replicas=4 --network nginx-net nginx",
    );
    expect(created).toContain("verify: Service");
    for (const host of ["host1", "host2"]) {
      expect(ok(lab, "docker ps --format '{{.Image}}'", host).trim().split("\n")).toEqual([
        "nginx:latest",
        "nginx:latest",
      ]);
      expect(ok(lab, "docker images --format '{{.Repository}}:{{.Tag}}'", host)).toContain("nginx:latest");
    }
    expect(ok(lab, "curl -s 192.168.0.101")).toContain("Welcome to nginx!");
    expect(ok(lab, "curl -s localhost", "host2")).toContain("Welcome to nginx!");
  });
});
