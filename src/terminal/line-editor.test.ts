import { describe, expect, it } from "vitest";
import type { Completion } from "./completion";
import type { Key } from "./keys";
import { type EditorOp, type EditorState, emptyEditor, nextLine, press, view } from "./line-editor";

const PROMPT = "[root@host1 ~]# ";

interface Setup {
  history?: string[];
  complete?: (line: string, cursor: number) => Completion;
  columns?: number;
}

/** Presses keys: strings are typed text, names in braces are keys ("{left}", "{ctrl-a}"). */
function keys(script: string): Key[] {
  const out: Key[] = [];
  for (const part of script.split(/(\{[a-z-]+\})/)) {
    if (!part) continue;
    const named = /^\{([a-z-]+)\}$/.exec(part);
    out.push(named ? ({ name: named[1] } as Key) : { text: part });
  }
  return out;
}

function type(
  script: string,
  setup: Setup = {},
  from?: EditorState,
): { state: EditorState; ops: EditorOp[] } {
  const history = setup.history ?? [];
  let state = from ?? emptyEditor(history.length);
  const ops: EditorOp[] = [];
  for (const key of keys(script)) {
    const r = press(state, key, {
      history,
      columns: setup.columns ?? 80,
      complete: setup.complete ?? ((_line, cursor) => ({ start: cursor, candidates: [] })),
    });
    state = r.state;
    ops.push(...r.ops);
  }
  return { state, ops };
}

function shown(script: string, setup: Setup = {}): string {
  const { state } = type(script, setup);
  const v = view(state, PROMPT, setup.history ?? []);
  return `${v.text.slice(0, v.cursor)}|${v.text.slice(v.cursor)}`;
}

describe("editing a line", () => {
  it("inserts where the cursor is after Left, Home and End", () => {
    expect(shown("dockr{left}e")).toBe(`${PROMPT}docke|r`);
    expect(shown("ps{home}docker {end} -a")).toBe(`${PROMPT}docker ps -a|`);
    expect(shown("ps{ctrl-a}docker {ctrl-e}!")).toBe(`${PROMPT}docker ps!|`);
  });

  it("deletes before the cursor with Backspace and under it with Delete, mid-line", () => {
    expect(shown("abcd{left}{left}{backspace}")).toBe(`${PROMPT}a|cd`);
    expect(shown("abcd{left}{left}{delete}")).toBe(`${PROMPT}ab|d`);
    expect(shown("ab{delete}")).toBe(`${PROMPT}ab|`);
  });

  it("kills to the start (Ctrl+U), to the end (Ctrl+K), the word before (Ctrl+W), and yanks it back", () => {
    expect(shown("docker ps -a{left}{left}{ctrl-u}")).toBe(`${PROMPT}|-a`);
    expect(shown("docker ps -a{ctrl-a}{right}{ctrl-k}")).toBe(`${PROMPT}d|`);
    expect(shown("docker network ls{ctrl-w}")).toBe(`${PROMPT}docker network |`);
    expect(shown("docker network   {ctrl-w}")).toBe(`${PROMPT}docker |`);
    expect(shown("docker ps{ctrl-w}{ctrl-a}{ctrl-y} ")).toBe(`${PROMPT}ps |docker `);
  });

  it("keeps what was killed, and the last search, for the next line", () => {
    const { state } = type("docker network ls{ctrl-w}{ctrl-r}net{ctrl-g}{enter}", {
      history: ["docker network ls"],
    });
    const next = nextLine(state, 1);
    expect(view(next, PROMPT, []).text).toBe(PROMPT);
    expect(view(type("{ctrl-y}", {}, next).state, PROMPT, []).text).toBe(`${PROMPT}ls`);
    expect(
      view(type("{ctrl-r}{ctrl-r}", { history: ["docker network ls"] }, next).state, PROMPT, [
        "docker network ls",
      ]).text,
    ).toBe("(reverse-i-search)`net': docker network ls");
  });

  it("moves and kills by words with Ctrl/Alt+arrows", () => {
    expect(shown("ip addr show eth0{word-left}{word-left}")).toBe(`${PROMPT}ip addr |show eth0`);
    expect(shown("ip addr show{home}{word-right}")).toBe(`${PROMPT}ip| addr show`);
    expect(shown("ip addr show{kill-word-back}")).toBe(`${PROMPT}ip addr |`);
  });

  it("submits the whole line wherever the cursor is", () => {
    const { ops } = type("docker ps{home}{enter}");
    expect(ops.at(-1)).toEqual({ kind: "submit", line: "docker ps" });
  });

  it("rings the bell for Backspace at the start", () => {
    expect(type("{backspace}").ops).toEqual([{ kind: "bell" }]);
  });

  it("turns Ctrl+C into an interrupt, Ctrl+D on an empty line into end of input, Ctrl+L into a clear", () => {
    expect(type("ls{ctrl-c}").ops.at(-1)).toEqual({ kind: "interrupt" });
    expect(type("{ctrl-d}").ops).toEqual([{ kind: "eof" }]);
    expect(shown("abc{home}{ctrl-d}")).toBe(`${PROMPT}|bc`);
    expect(type("ls{ctrl-l}").ops.at(-1)).toEqual({ kind: "clear" });
  });

  it("shows control characters of a recalled multi-line command as ^J", () => {
    expect(shown("{up}", { history: ["echo 'a\nb'"] })).toBe(`${PROMPT}echo 'a^Jb'|`);
  });
});

describe("history", () => {
  const history = ["docker network ls", "docker ps", "ip addr"];

  it("walks back with Up and forward with Down to the line being typed", () => {
    expect(shown("{up}", { history })).toBe(`${PROMPT}ip addr|`);
    expect(shown("{up}{up}{up}", { history })).toBe(`${PROMPT}docker network ls|`);
    expect(shown("brctl{up}{up}{down}{down}", { history })).toBe(`${PROMPT}brctl|`);
    expect(shown("{ctrl-p}{ctrl-p}{ctrl-n}", { history })).toBe(`${PROMPT}ip addr|`);
  });

  it("rings the bell past either end", () => {
    expect(type("{down}", { history }).ops).toEqual([{ kind: "bell" }]);
    expect(type("{up}{up}{up}{up}", { history }).ops.at(-1)).toEqual({ kind: "bell" });
  });

  it("keeps an edit made to a recalled line while browsing, until Enter", () => {
    expect(shown("{up} -4{up}{down}", { history })).toBe(`${PROMPT}ip addr -4|`);
  });
});

describe("reverse-i-search (Ctrl+R)", () => {
  const history = ["docker network ls", "docker run -d --name web nginx", "ip addr", "docker ps"];

  it("shows bash's search prompt and the newest match, the cursor on the match", () => {
    expect(shown("{ctrl-r}", { history })).toBe("(reverse-i-search)`': |");
    expect(shown("{ctrl-r}net", { history })).toBe("(reverse-i-search)`net': docker |network ls");
    expect(shown("{ctrl-r}docker", { history })).toBe("(reverse-i-search)`docker': |docker ps");
  });

  it("finds older matches with Ctrl+R again, and says when nothing is left", () => {
    expect(shown("{ctrl-r}docker{ctrl-r}", { history })).toBe(
      "(reverse-i-search)`docker': |docker run -d --name web nginx",
    );
    const { state, ops } = type("{ctrl-r}docker{ctrl-r}{ctrl-r}{ctrl-r}", { history });
    expect(ops.at(-1)).toEqual({ kind: "bell" });
    const v = view(state, PROMPT, history);
    expect(v.text).toBe("(failed reverse-i-search)`docker': docker network ls");
  });

  it("runs the match with Enter, edits it after an arrow, restores the line with Ctrl+G", () => {
    expect(type("{ctrl-r}web{enter}", { history }).ops.at(-1)).toEqual({
      kind: "submit",
      line: "docker run -d --name web nginx",
    });
    expect(shown("{ctrl-r}web{end} -p 80", { history })).toBe(
      `${PROMPT}docker run -d --name web nginx -p 80|`,
    );
    expect(shown("ls -l{ctrl-r}web{ctrl-g}", { history })).toBe(`${PROMPT}ls -l|`);
  });

  it("reuses the last search string on an empty Ctrl+R", () => {
    expect(shown("{ctrl-r}ip{ctrl-g}{ctrl-r}{ctrl-r}", { history })).toBe("(reverse-i-search)`ip': |ip addr");
  });

  it("shortens the query with Backspace", () => {
    expect(shown("{ctrl-r}ipx{backspace}", { history })).toBe("(reverse-i-search)`ip': |ip addr");
  });
});

describe("Tab completion", () => {
  const candidates = (values: string[], start: number): Completion => ({
    start,
    candidates: values.map((v) => ({ value: v, display: v, suffix: v.endsWith("/") ? "" : " " })),
  });

  it("inserts a single candidate and a space", () => {
    const complete = (line: string) => candidates(["network"], line.lastIndexOf(" ") + 1);
    expect(shown("docker net{tab}", { complete })).toBe(`${PROMPT}docker network |`);
  });

  it("adds no space after a directory", () => {
    const complete = () => candidates(["/etc/"], 4);
    expect(shown("cat /e{tab}", { complete })).toBe(`${PROMPT}cat /etc/|`);
  });

  it("completes the common prefix, rings the bell, and lists on the second Tab", () => {
    const complete = (line: string) =>
      candidates(
        ["busy1", "busy2", "busybox"].filter((c) => c.startsWith(line.slice(10))),
        10,
      );
    const first = type("docker rm b{tab}", { complete });
    expect(view(first.state, PROMPT, []).text).toBe(`${PROMPT}docker rm busy`);
    const second = type("{tab}", { complete }, first.state);
    expect(second.ops).toEqual([{ kind: "bell" }]);
    const third = type("{tab}", { complete }, second.state);
    // Every column but the last is padded to the widest name plus two, as readline pads them.
    expect(third.ops).toEqual([{ kind: "list", text: "busy1    busy2    busybox  \n" }]);
  });

  it("lists at once on a second Tab after a completion that changed nothing", () => {
    const complete = () => candidates(["connect", "ls"], 15);
    expect(type("docker network {tab}{tab}", { complete }).ops.slice(-2)).toEqual([
      { kind: "bell" },
      { kind: "list", text: "connect  ls       \n" },
    ]);
  });

  it("does not list when typing came between the two Tabs", () => {
    const complete = () => candidates(["connect", "ls"], 15);
    expect(type("docker network {tab}x{backspace}{tab}", { complete }).ops.at(-1)).toEqual({ kind: "bell" });
  });
});
