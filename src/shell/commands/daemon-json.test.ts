import { describe, expect, it } from "vitest";
import { play } from "../../testing/transcript";
import { createLab, type Lab, printed, run } from "../lab";
import { failsToStart, notApplied, readDaemonJson } from "./daemon-json";
import { parseGoJson } from "./go-json";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

describe("Go's JSON scanner, as dockerd reads daemon.json", () => {
  it.each([
    ["{", "unexpected end of JSON input"],
    ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a": 1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a": -x}', "invalid character 'x' in numeric literal"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', "invalid character '\"' after object key:value pair"],
    ['{"a": [1 2]}', "invalid character '2' after array element"],
    ['{"a": "\\q"}', "invalid character 'q' in string escape code"],
    ['{"a": "\t"}', "invalid character '\\t' in string literal"],
    ['{"a": "\u0001"}', "invalid character '\\x01' in string literal"],
    ['{"a": 1e}', "invalid character '}' in exponent of numeric literal"],
    ["[]]", "invalid character ']' after top-level value"],
    ["@", "invalid character '@' looking for beginning of value"],
  ])("%s: %s", (text, error) => {
    expect(parseGoJson(text)).toEqual({ error });
  });

  it("keeps the values and the keys' order", () => {
    expect(parseGoJson(' {"b": [1, -2.5e1, "x\\u0041"], "a": {"c": null, "d": false}} ')).toEqual({
      value: { b: [1, -25, "xA"], a: { c: null, d: false } },
    });
  });
});

describe("readDaemonJson", () => {
  const error = (text: string) => {
    const read = readDaemonJson(text);
    return "error" in read
      ? read.error.replace(
          /^unable to configure the Docker daemon with file \/etc\/docker\/daemon.json: /,
          "",
        )
      : "";
  };

  it("takes a missing or blank file as no settings", () => {
    for (const text of [undefined, "", " \n"])
      expect(readDaemonJson(text)).toEqual({
        settings: { ipv6: false, ip6tables: false, experimental: false, unmodelled: [] },
      });
  });

  it("refuses what is not an object, unknown directives, wrong types and bad subnets", () => {
    expect(error("[]")).toBe("json: cannot unmarshal array into Go value of type map[string]interface {}");
    expect(error('{"bip": "10.1.0.1/24", "nope": 1}')).toBe(
      "the following directives don't match any configuration option: nope",
    );
    expect(error('{"ip6tables": "on"}')).toBe(
      "json: cannot unmarshal string into Go struct field Config.CommonConfig.BridgeConfig.ip6tables of type bool",
    );
    expect(error('{"fixed-cidr-v6": true}')).toContain("cannot unmarshal bool into Go struct field");
    expect(error('{"fixed-cidr-v6": "zz"}')).toBe(
      "merged configuration validation from file and command line flags failed: invalid fixed-cidr-v6: invalid CIDR address: zz",
    );
  });

  it("accepts a known directive the lab does not apply, and names it", () => {
    const read = readDaemonJson('{"bip": "10.1.0.1/24", "log-opts": {}, "ipv6": null}');
    expect("settings" in read && notApplied(read.settings)).toEqual(["bip", "log-opts"]);
  });

  it("fails the start of IPv6 without a subnet and of ip6tables without experimental", () => {
    const settings = (text: string) => {
      const read = readDaemonJson(text);
      if (!("settings" in read)) throw new Error(read.error);
      return read.settings;
    };
    expect(failsToStart(settings('{"ipv6": true}'))).toBe(true);
    expect(failsToStart(settings('{"ip6tables": true}'))).toBe(true);
    expect(failsToStart(settings('{"ip6tables": true, "experimental": true}'))).toBe(false);
    expect(failsToStart(settings('{"ipv6": false}'))).toBe(false);
  });
});

describe("daemon.json in the lab", () => {
  it("a failed start leaves the daemon down; clients cannot connect until the file is fixed", () => {
    const lab = createLab();
    expect(run(lab, `echo '{"ipv6": true}' > /etc/docker/daemon.json`).exit).toBe(0);
    transcript(
      lab,
      `$ systemctl restart docker
Job for docker.service failed because the control process exited with error code.
See "systemctl status docker.service" and "journalctl -xeu docker.service" for details.
[exit 1]

$ systemctl is-active docker
inactive
[exit 3]

$ docker ps -q
Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?
[exit 1]

$ dockerd --validate
configuration OK
[exit 0]
`,
    );
    expect(
      run(lab, `echo '{"ipv6": true, "fixed-cidr-v6": "fd00:1::/64"}' > /etc/docker/daemon.json`).exit,
    ).toBe(0);
    transcript(
      lab,
      `$ docker ps -q
[exit 0]

$ docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' bridge
true [{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"},{"Subnet":"fd00:1::/64"}]
[exit 0]

$ docker run --rm --mac-address 02:42:ac:11:00:0a busybox sh -c 'ip -6 addr show eth0 | grep global'
    inet6 fd00:1::242:ac11:a/64 scope global flags 02 
[exit 0]
`,
    );
  });

  it("leaves settings it does not apply alone, saying so", () => {
    const lab = createLab();
    run(lab, `echo '{"bip": "10.9.0.1/24"}' > /etc/docker/daemon.json`);
    transcript(
      lab,
      `$ systemctl restart docker
systemctl: 'restart with /etc/docker/daemon.json's settings' is not simulated in Docker Network Lab
[exit 1]

$ systemctl is-active docker
active
[exit 0]
`,
    );
  });

  it("turns the default bridge's IPv6 off again when the file no longer asks for it", () => {
    const lab = createLab();
    run(lab, `echo '{"ipv6": true, "fixed-cidr-v6": "2001:db8:5::/64"}' > /etc/docker/daemon.json`);
    expect(run(lab, "systemctl restart docker").exit).toBe(0);
    run(lab, `echo '{}' > /etc/docker/daemon.json`);
    expect(run(lab, "systemctl restart docker").exit).toBe(0);
    transcript(
      lab,
      `$ docker network inspect -f '{{.EnableIPv6}} {{len .IPAM.Config}}' bridge
false 1
[exit 0]
`,
    );
  });

  it("dockerd --validate reads the file --config-file names, and engine 20.10 has no --validate", () => {
    const lab = createLab();
    run(lab, `echo '{"ipv6": tru' > /root/d.json`);
    transcript(
      lab,
      `$ dockerd --validate --config-file /root/d.json
unable to configure the Docker daemon with file /root/d.json: invalid character '\\n' in literal true (expecting 'e')
[exit 1]
`,
    );
    const old = createLab({ era: 20 });
    expect(printed(run(old, "dockerd --validate"))).toContain("unknown flag: --validate");
  });
});
