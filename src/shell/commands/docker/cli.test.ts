import { describe, expect, it } from "vitest";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run } from "../../lab";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

describe("the docker client's words", () => {
  it("answers unknown commands, flags and arguments as client 28 does", () => {
    transcript(
      createLab(),
      `$ docker foo
docker: unknown command: docker foo

Run 'docker --help' for more information
[exit 1]

$ docker network foo
docker: unknown command: docker network foo

Usage:  docker network

Run 'docker network --help' for more information
[exit 1]

$ docker --bogus ps
unknown flag: --bogus

Usage:  docker [OPTIONS] COMMAND [ARG...]

Run 'docker --help' for more information
[exit 125]

$ docker ps -x
unknown shorthand flag: 'x' in -x

Usage:  docker ps [OPTIONS]

Run 'docker ps --help' for more information
[exit 125]

$ docker container ls --last abc
invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid syntax

Usage:  docker container ls [OPTIONS]

Run 'docker container ls --help' for more information
[exit 125]

$ docker run --name
flag needs an argument: --name

Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]

Run 'docker run --help' for more information
[exit 125]

$ docker images a b
docker: 'docker images' requires at most 1 argument

Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]

SRun 'docker images --help' for more information
[exit 1]

$ docker port
docker: 'docker port' requires at least 1 and at most 2 arguments

Usage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]

Run 'docker port --help' for more information
[exit 1]

$ docker -v
Docker version 28.2.2, build e6534b4
[exit 0]

$ docker build .
docker: 'docker build' is not simulated in Docker Network Lab
[exit 1]

$ docker help nosuch
unknown help topic: nosuch
[exit 1]
`,
    );
  });

  it("prints a command's help in docker/cli's layout, from any of its names", () => {
    const lab = createLab();
    const help = `Usage:  docker container rename CONTAINER NEW_NAME

Rename a container

Aliases:
  docker container rename, docker rename
`;
    expect(printed(run(lab, "docker container rename --help"))).toBe(help);
    expect(printed(run(lab, "docker help container rename"))).toBe(help);
    expect(printed(run(lab, "docker network rm --help"))).toBe(`Usage:  docker network rm NETWORK [NETWORK...]

Remove one or more networks

Aliases:
  docker network rm, docker network remove

Options:
  -f, --force   Do not error if the network does not exist
`);
    const container = printed(run(lab, "docker container"));
    expect(container.split("\n").slice(0, 6)).toEqual([
      "Usage:  docker container COMMAND",
      "",
      "Manage containers",
      "",
      "Commands:",
      "  attach      Attach local standard input, output, and error streams to a running container",
    ]);
    const ps = run(lab, "docker ps -h");
    expect(
      printed(ps).startsWith(
        "Flag shorthand -h has been deprecated, use --help\nUsage:  docker ps [OPTIONS]\n",
      ),
    ).toBe(true);
  });

  it("lists, pulls and removes images", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}'
alpine:latest 7.8MB
busybox:latest 4.28MB
[exit 0]

$ docker pull busybox
Using default tag: latest
latest: Pulling from library/busybox
Digest: sha256:<DIGEST>
Status: Image is up to date for busybox:latest
docker.io/library/busybox:latest
[exit 0]

$ docker pull -q redis:7
docker.io/library/redis:7
[exit 0]

$ docker run -d --name r busybox sleep 60
docker: Error response from daemon: Invalid container name (r), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed

Run 'docker run --help' for more information
[exit 125]

$ docker run -d --name rr busybox sleep 60
<ID>
[exit 0]

$ docker rmi busybox nosuch
Error response from daemon: conflict: unable to remove repository reference "busybox" (must force) - container <ID12> is using its referenced image <ID12>
Error response from daemon: No such image: nosuch:latest
[exit 1]

$ docker rmi redis:7
Untagged: redis:7
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
Deleted: sha256:<DIGEST>
[exit 0]

$ docker run -d Busybox
docker: invalid reference format: repository name (library/Busybox) must be lowercase

Run 'docker run --help' for more information
[exit 125]
`,
    );
  });

  it("formats docker ps with tables, templates, json and filters", () => {
    const lab = createLab();
    run(lab, "docker run -d --name c1 --label tier=web busybox sleep 3600");
    run(lab, "docker create --name c2 busybox");
    transcript(
      lab,
      `$ docker ps -a --format 'table {{.Names}}\\t{{.State}}\\t{{.Label "tier"}}'
NAMES     STATE     tier
c2        created   
c1        running   web
[exit 0]

$ docker ps --filter label=tier=web -q
<ID12>
[exit 0]

$ docker ps -a --filter status=bogus
Error response from daemon: invalid filter 'status=bogus'
[exit 1]

$ docker ps --filter foo=1
Error response from daemon: invalid filter 'foo'
[exit 1]

$ docker ps -q --format '{{.Names}}'
WARNING: Ignoring custom format, because both --format and --quiet are set.
<ID12>
[exit 0]

$ docker ps -a -n 1 --format '{{.Names}} {{.Labels}}'
c2 
[exit 0]

$ docker ps --format '{{json .Names}} {{upper .State}} {{printf "%.3s" .Image}}'
"c1" RUNNING bus
[exit 0]

$ docker ps --format '{{.Nope}}'
failed to execute template: template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext
[exit 1]
`,
    );
    expect(printed(run(lab, "docker ps --format json"))).toMatch(
      /^\{"Command":"\\"sleep 3600\\"","CreatedAt":"2026-11-23 09:00:00 \+0000 UTC","ID":"[0-9a-f]{12}","Image":"busybox","Labels":"tier=web",/,
    );
  });

  it("inspects with templates on the client's types and on the raw document", () => {
    const lab = createLab();
    run(lab, "docker run -d --name c1 busybox sleep 3600");
    transcript(
      lab,
      `$ docker inspect -f '{{.NetworkSettings.IPAddress}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}} {{index .Config.Cmd 0}} {{len .Args}} {{join .Config.Cmd "+"}}' c1
172.17.0.2 172.17.0.2 sleep 1 sleep+3600
[exit 0]

$ docker inspect -f '{{.Foo}}' c1

template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"
[exit 1]

$ docker inspect -f '{{.Name' c1
template parsing error: template: :1: unclosed action
[exit 64]

$ docker container inspect nosuch
[]
Error response from daemon: No such container: nosuch
[exit 1]

$ docker inspect --type bogus x
unknown type: "bogus": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"
[exit 1]

$ docker inspect -f '{{.Name}}' nosuch

Error: No such object: nosuch
[exit 1]
`,
    );
  });
});
