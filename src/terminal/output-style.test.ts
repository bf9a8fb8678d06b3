import { describe, expect, it } from "vitest";
import { FRESH_LINE, styleOutput } from "./output-style";

describe("styling output for the terminal", () => {
  it("ends lines with CR LF and leaves stdout uncoloured", () => {
    expect(styleOutput("a\nb\n", "out", FRESH_LINE)).toEqual({
      text: "a\r\nb\r\n",
      state: { atLineStart: true, warning: false },
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
    expect(first.state).toEqual({ atLineStart: false, warning: true });
    expect(styleOutput("ports are discarded\n", "out", first.state).text).toBe(
      "\x1b[33mports are discarded\x1b[39m\r\n",
    );
  });
});
