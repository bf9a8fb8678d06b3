import { describe, expect, it } from "vitest";
import { FRESH_LINE, styleOutput } from "./output-style";

describe("styling output for the terminal", () => {
  it("ends lines with CR LF and leaves stdout uncoloured", () => {
    expect(styleOutput("a\nb\n", "out", FRESH_LINE)).toEqual({
      text: "a\r\nb\r\n",
      state: { atLineStart: true, warning: false, progress: false },
    });
  });

  it("colours stderr lines red, line by line, blank lines bare", () => {
    expect(styleOutput("Error: x\n\nRun 'docker --help'\n", "err", FRESH_LINE).text).toBe(
      "\x1b[31mError: x\x1b[39m\r\n\r\n\x1b[31mRun 'docker --help'\x1b[39m\r\n",
    );
  });

  it("colours Docker's WARNING: lines amber on either stream", () => {
    expect(styleOutput("WARNING: IPv4 forwarding is disabled.\n", "err", FRESH_LINE).text).toBe(
      "\x1b[33mWARNING: IPv4 forwarding is disabled.\x1b[39m\r\n",
    );
    expect(styleOutput("WARNING: x\nok\n", "out", FRESH_LINE).text).toBe(
      "\x1b[33mWARNING: x\x1b[39m\r\nok\r\n",
    );
  });

  it("carries a warning's colour into the next chunk of the same line", () => {
    const first = styleOutput("WARNING: published ", "out", FRESH_LINE);
    expect(first.state).toEqual({ atLineStart: false, warning: true, progress: false });
    expect(styleOutput("ports are discarded\n", "out", first.state).text).toBe(
      "\x1b[33mports are discarded\x1b[39m\r\n",
    );
  });

  it("leaves progress on stderr uncoloured, so that it does not read as a failure", () => {
    const progress = [
      "Unable to find image 'nginx:latest' locally",
      "latest: Pulling from library/nginx",
      "fb1476414952: Pull complete",
      "Digest: sha256:0123",
      "Status: Downloaded newer image for nginx:latest",
      "*   Trying 172.17.0.2:80...",
      "> GET / HTTP/1.1",
      "< HTTP/1.1 200 OK",
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current",
      "                                 Dload  Upload   Total   Spent    Left  Speed",
      "100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k",
      "Connecting to web (172.18.0.2:80)",
      "saving to 'index.html'",
      "'index.html' saved",
      "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode",
      "listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes",
      "4 packets captured",
      "web (172.18.0.2:80) open",
      "Connection to 172.17.0.2 80 port [tcp/http] succeeded!",
    ];
    for (const line of progress) expect(styleOutput(`${line}\n`, "err", FRESH_LINE).text).toBe(`${line}\r\n`);
    const errors = [
      "docker: Error response from daemon: Conflict.",
      "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server",
      "wget: bad address 'nosuch'",
      "tcpdump: eth9: No such device exists",
      "ping: bad address 'x'",
    ];
    for (const line of errors)
      expect(styleOutput(`${line}\n`, "err", FRESH_LINE).text).toBe(`\x1b[31m${line}\x1b[39m\r\n`);
  });
});
