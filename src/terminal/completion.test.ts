import { describe, expect, it } from "vitest";
import { COMMANDS } from "../shell/commands";
import { type DockerEntry, dockerCompletion } from "../shell/commands/docker/completion";
import type { CompletionSource } from "../shell/completion-source";
import { complete, formatColumns } from "./completion";

const flag = (long: string, takesValue: boolean, short?: string) => ({
  long,
  takesValue,
  ...(short ? { short } : {}),
});

/** A command as the CLI's table has it: its short name, its group names, what follows in the usage. */
function command(
  top: string | undefined,
  group: string[] | undefined,
  use: string,
  flags: DockerEntry["flags"],
  interspersed = true,
): DockerEntry {
  const [g, ...names] = group ?? [];
  return { paths: [...(top ? [[top]] : []), ...names.map((n) => [g ?? "", n])], use, flags, interspersed };
}

/** A small Docker CLI table in the shape of src/shell/commands/docker. */
const TABLE: DockerEntry[] = [
  command(
    "run",
    ["container", "run"],
    "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    [
      flag("detach", false, "d"),
      flag("interactive", false, "i"),
      flag("tty", false, "t"),
      flag("name", true),
      flag("network", true),
      flag("publish", true, "p"),
    ],
    false,
  ),
  command(
    "exec",
    ["container", "exec"],
    "[OPTIONS] CONTAINER COMMAND [ARG...]",
    [flag("interactive", false, "i"), flag("tty", false, "t")],
    false,
  ),
  command("rm", ["container", "rm", "remove"], "[OPTIONS] CONTAINER [CONTAINER...]", [
    flag("force", false, "f"),
  ]),
  command("start", ["container", "start"], "[OPTIONS] CONTAINER [CONTAINER...]", []),
  command("ps", ["container", "ls", "ps", "list"], "[OPTIONS]", [flag("all", false, "a")]),
  command(undefined, ["network", "connect"], "[OPTIONS] NETWORK CONTAINER", [flag("ip", true)]),
  command(undefined, ["network", "create"], "[OPTIONS] NETWORK", [flag("subnet", true)]),
  command(undefined, ["network", "ls", "list"], "[OPTIONS]", []),
  command("inspect", undefined, "[OPTIONS] NAME|ID [NAME|ID...]", []),
];

/** The lab's own completion of `ip` and `cd`. */
const own = (name: string) => COMMANDS.named(name)?.completion ?? {};

const SOURCE: CompletionSource = {
  commands: ["brctl", "cat", "cd", "docker", "echo", "ip", "iptables", "ping"],
  specs: { docker: dockerCompletion(TABLE), ip: own("ip"), cd: own("cd") },
  containers: [
    { id: "8567df7e3a03aaaaaaaa", name: "busy1", status: "running" },
    { id: "1234abcd0000bbbbbbbb", name: "busy2", status: "exited" },
    { id: "99aa00000000cccccccc", name: "web", status: "running" },
  ],
  networks: ["bridge", "host", "none", "mynet"],
  images: ["busybox:latest", "nginx:1.25", "nginx:latest"],
  netns: ["red", "blue"],
  paths: [
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/hostname",
    "/proc/sys/net/ipv4/ip_forward",
    "/root/notes.txt",
    "/tmp/",
    "/var/run/netns/red",
    "/root/.bashrc",
  ],
  cwd: "/root",
};

/** The candidates' values for the line, the cursor at its end. */
function values(line: string, source = SOURCE): string[] {
  return complete(line, line.length, source).candidates.map((c) => c.value);
}

describe("what Tab offers", () => {
  it("offers the place's commands at the start of a command, also after a pipe or &&", () => {
    expect(values("i")).toEqual(["ip", "iptables"]);
    expect(values("docker ps | ca")).toEqual(["cat"]);
    expect(values("echo a && do")).toEqual(["docker"]);
    expect(values("A=1 pi")).toEqual(["ping"]);
  });

  it("starts the word being completed where it begins", () => {
    expect(complete("docker ne", 9, SOURCE).start).toBe(7);
    expect(complete("docker ", 7, SOURCE).start).toBe(7);
  });

  it("offers docker's commands and management groups, then a group's subcommands", () => {
    expect(values("docker ")).toEqual([
      "container",
      "exec",
      "inspect",
      "network",
      "ps",
      "rm",
      "run",
      "start",
    ]);
    expect(values("docker network ")).toEqual(["connect", "create", "list", "ls"]);
    expect(values("docker container ")).toEqual(["exec", "list", "ls", "ps", "remove", "rm", "run", "start"]);
  });

  it("offers a command's long flags and --help", () => {
    expect(values("docker run --n")).toEqual(["--name", "--network"]);
    expect(values("docker ps -")).toEqual(["--all", "--help"]);
  });

  it("offers networks after --network, with or without =", () => {
    expect(values("docker run -d --network ")).toEqual(["bridge", "host", "mynet", "none"]);
    expect(values("docker run --network=my")).toEqual(["--network=mynet"]);
  });

  it("offers images where the usage says IMAGE, the bare name for latest", () => {
    expect(values("docker run -itd --name a1 ")).toEqual([
      "busybox",
      "busybox:latest",
      "nginx",
      "nginx:1.25",
      "nginx:latest",
    ]);
    expect(values("docker container run -p 80:80 ng")).toEqual(["nginx", "nginx:1.25", "nginx:latest"]);
    // After the image come the container's command and arguments: nothing to offer.
    expect(values("docker run busybox ")).toEqual([]);
  });

  it("offers containers by what the command needs: running ones to exec, stopped ones to start, all to rm", () => {
    expect(values("docker exec -it ")).toEqual(["busy1", "web"]);
    expect(values("docker start ")).toEqual(["busy2"]);
    expect(values("docker rm -f busy1 ")).toEqual(["busy1", "busy2", "web"]);
  });

  it("offers short IDs once the word starts like one", () => {
    expect(values("docker rm 8")).toEqual(["8567df7e3a03"]);
    expect(values("docker rm ")).not.toContain("8567df7e3a03");
  });

  it("follows the usage line's argument order: NETWORK then CONTAINER", () => {
    expect(values("docker network connect ")).toEqual(["bridge", "host", "mynet", "none"]);
    expect(values("docker network connect mynet ")).toEqual(["busy1", "busy2", "web"]);
    expect(values("docker network connect --ip 10.0.0.9 mynet w")).toEqual(["web"]);
    expect(values("docker network create ")).toEqual(["bridge", "host", "mynet", "none"]);
  });

  it("offers containers, networks and images to inspect", () => {
    expect(values("docker inspect b")).toEqual(["bridge", "busy1", "busy2", "busybox", "busybox:latest"]);
  });

  it("offers nothing after a command that takes no arguments, or an unknown one", () => {
    expect(values("docker ps ")).toEqual([]);
    expect(values("docker frobnicate ")).toEqual([]);
  });

  it("completes paths the lab knows, directories with a slash and no space", () => {
    const result = complete("cat /etc/h", 10, SOURCE);
    expect(result.candidates).toEqual([
      { value: "/etc/hostname", display: "hostname", suffix: " " },
      { value: "/etc/hosts", display: "hosts", suffix: " " },
    ]);
    expect(values("cat /")).toEqual(["/etc/", "/proc/", "/root/", "/tmp/", "/var/"]);
    expect(values("cat /proc/sys/net/ipv4/")).toEqual(["/proc/sys/net/ipv4/ip_forward"]);
    expect(values("ls /var/run/netns/")).toEqual(["/var/run/netns/red"]);
  });

  it("completes relative to the working directory, hiding dot files unless asked", () => {
    expect(values("cat n")).toEqual(["notes.txt"]);
    expect(values("cat ")).toEqual(["notes.txt"]);
    expect(values("cat .")).toEqual([".bashrc"]);
    expect(values("cat ../etc/reso")).toEqual(["../etc/resolv.conf"]);
  });

  it("offers only directories to cd, and files after a redirection", () => {
    expect(values("cd /")).toEqual(["/etc/", "/proc/", "/root/", "/tmp/", "/var/"]);
    expect(values("echo hi > /root/n")).toEqual(["/root/notes.txt"]);
    expect(values("echo hi 2>/et")).toEqual(["/etc/"]);
  });

  it("offers ip netns subcommands, namespace names, and a command after `ip netns exec NAME`", () => {
    expect(values("ip netns ")).toEqual([
      "add",
      "attach",
      "delete",
      "exec",
      "identify",
      "list",
      "list-id",
      "monitor",
      "pids",
      "set",
    ]);
    expect(values("ip netns exec ")).toEqual(["blue", "red"]);
    expect(values("ip netns del r")).toEqual(["red"]);
    expect(values("ip netns exec red ip")).toEqual(["ip", "iptables"]);
    expect(values("ip netns exec red ip netns exec b")).toEqual(["blue"]);
  });

  it("has no docker completion where docker does not run (inside a container)", () => {
    const inContainer: CompletionSource = { ...SOURCE, commands: ["cat", "ping"], specs: {} };
    expect(values("docker ne", inContainer)).toEqual([]);
  });
});

describe("listing candidates in columns", () => {
  it("fills columns top to bottom, each the longest name plus two wide", () => {
    const names = ["attach", "build", "commit", "cp", "create", "diff", "events", "exec"];
    expect(formatColumns(names, 30)).toBe(
      ["attach  cp      events", "build   create  exec", "commit  diff    "].map((l) => `${l}\n`).join(""),
    );
  });

  it("puts one name per line when the terminal is narrower than a name", () => {
    expect(formatColumns(["connect", "disconnect"], 8)).toBe("connect\ndisconnect\n");
  });
});
