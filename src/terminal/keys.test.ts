import { describe, expect, it } from "vitest";
import { decodeKeys } from "./keys";

describe("decoding what xterm sends", () => {
  it("keeps a run of printable characters as one text key", () => {
    expect(decodeKeys("docker ps")).toEqual([{ text: "docker ps" }]);
  });

  it("names arrows, Home/End, Delete and word moves in the sequences xterm uses", () => {
    expect(decodeKeys("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[3~\x1b[1;5D\x1b[1;5C\x1bb\x1bf")).toEqual([
      { name: "up" },
      { name: "down" },
      { name: "right" },
      { name: "left" },
      { name: "home" },
      { name: "end" },
      { name: "delete" },
      { name: "word-left" },
      { name: "word-right" },
      { name: "word-left" },
      { name: "word-right" },
    ]);
  });

  it("names the control keys the editor binds", () => {
    expect(decodeKeys("\x01\x05\x15\x0b\x17\x12\x03\x04\x0c\x10\x11\t\r\x7f")).toEqual(
      [
        "ctrl-a",
        "ctrl-e",
        "ctrl-u",
        "ctrl-k",
        "ctrl-w",
        "ctrl-r",
        "ctrl-c",
        "ctrl-d",
        "ctrl-l",
        "ctrl-p",
        "ctrl-q",
        "tab",
        "enter",
        "backspace",
      ].map((name) => ({ name })),
    );
  });

  it("splits a pasted script into lines and Enters, CRLF counting once", () => {
    expect(decodeKeys("echo a\recho b\r\necho c")).toEqual([
      { text: "echo a" },
      { name: "enter" },
      { text: "echo b" },
      { name: "enter" },
      { text: "echo c" },
    ]);
  });

  it("drops keys nobody binds (F1, PageUp, Alt+T) and keeps a lone Escape", () => {
    expect(decodeKeys("\x1bOP\x1b[5~\x1btls\x1b")).toEqual([{ text: "ls" }, { name: "escape" }]);
  });
});
