/**
 * The line editor a shell prompt has (readline's emacs mode, as bash and busybox ash behave): insert
 * and delete anywhere, move by character and word, kill and yank, history with Up/Down, Ctrl+R
 * reverse-i-search, Tab completion. Pure: `press` takes the state and a key and returns the next
 * state and what the terminal must do; the xterm adapter draws `view(state, prompt)`.
 */
import type { Completion } from "./completion";
import { commonPrefix, formatColumns } from "./completion";
import type { Key, KeyName } from "./keys";

interface Search {
  query: string;
  /** History index of the line shown, or -1 while nothing matched yet. */
  index: number;
  /** Where in that line the query was found. */
  at: number;
  failed: boolean;
  /** The line being edited when the search began, for Ctrl+G. */
  original: { buffer: string; cursor: number };
}

export interface EditorState {
  buffer: string;
  cursor: number;
  /** Index into the history of the line on screen; history.length is the new line being typed. */
  historyIndex: number;
  /** Lines edited while browsing history (and the new line), by history index, until Enter. */
  edits: Record<number, string>;
  search?: Search;
  /** The last search string, reused by Ctrl+R on an empty search as readline does. */
  lastSearch: string;
  /** The last text killed with Ctrl+U/K/W, for Ctrl+Y. */
  killed: string;
  /** Whether the previous key was Tab, so that a second Tab lists the candidates. */
  afterTab: boolean;
}

export type EditorOp =
  /** Draw the line again (view() has changed). */
  | { kind: "redraw" }
  | { kind: "bell" }
  /** Print text under the line (the candidates of a double Tab), then draw the line again below. */
  | { kind: "list"; text: string }
  /** Enter: the line is finished. */
  | { kind: "submit"; line: string }
  /** Ctrl+C at the prompt: the line is abandoned. */
  | { kind: "interrupt" }
  /** Ctrl+D on an empty line. */
  | { kind: "eof" }
  /** Ctrl+L: clear the screen and draw the line at the top. */
  | { kind: "clear" };

export interface EditorEnv {
  history: readonly string[];
  complete(line: string, cursor: number): Completion;
  /** Terminal width, for laying out a list of candidates. */
  columns: number;
}

export interface Result {
  state: EditorState;
  ops: EditorOp[];
}

export function emptyEditor(historyLength: number): EditorState {
  return {
    buffer: "",
    cursor: 0,
    historyIndex: historyLength,
    edits: {},
    lastSearch: "",
    killed: "",
    afterTab: false,
  };
}

/** The editor for the next prompt: an empty line, with the kill ring and the last search kept as readline keeps them. */
export function nextLine(previous: EditorState, historyLength: number): EditorState {
  return { ...emptyEditor(historyLength), killed: previous.killed, lastSearch: previous.lastSearch };
}

/** What the line shows: the prompt and the buffer, or bash's search prompt and the line found. */
export function view(
  state: EditorState,
  prompt: string,
  history: readonly string[],
): { text: string; cursor: number } {
  const s = state.search;
  if (s) {
    const label = `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
    const line = s.index >= 0 ? (history[s.index] ?? "") : state.buffer;
    const at = s.index >= 0 ? s.at : state.cursor;
    return { text: label + visible(line), cursor: label.length + visible(line.slice(0, at)).length };
  }
  return {
    text: prompt + visible(state.buffer),
    cursor: prompt.length + visible(state.buffer.slice(0, state.cursor)).length,
  };
}

/** Control characters in a line (a newline in a recalled multi-line command) shown as ^J, as readline does. */
function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced.
  return text.replace(/[\x00-\x1f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) + 64)}`);
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Start of the word before `at` (readline's backward-word: alphanumerics). */
function wordStart(buffer: string, at: number): number {
  let i = at;
  while (i > 0 && !isWordChar(buffer[i - 1])) i--;
  while (i > 0 && isWordChar(buffer[i - 1])) i--;
  return i;
}

function wordEnd(buffer: string, at: number): number {
  let i = at;
  while (i < buffer.length && !isWordChar(buffer[i])) i++;
  while (i < buffer.length && isWordChar(buffer[i])) i++;
  return i;
}

/** Start of the whitespace-delimited word before `at` (Ctrl+W, unix-word-rubout). */
function bigWordStart(buffer: string, at: number): number {
  let i = at;
  while (i > 0 && buffer[i - 1] === " ") i--;
  while (i > 0 && buffer[i - 1] !== " ") i--;
  return i;
}

function edit(state: EditorState, buffer: string, cursor: number): EditorState {
  return { ...state, buffer, cursor, edits: { ...state.edits, [state.historyIndex]: buffer } };
}

function kill(state: EditorState, from: number, to: number): Result {
  if (from === to) return { state, ops: [] };
  const { buffer } = state;
  const next = edit(state, buffer.slice(0, from) + buffer.slice(to), from);
  return { state: { ...next, killed: buffer.slice(from, to) }, ops: [{ kind: "redraw" }] };
}

function moveTo(state: EditorState, cursor: number): Result {
  const c = Math.max(0, Math.min(state.buffer.length, cursor));
  return c === state.cursor
    ? { state, ops: [] }
    : { state: { ...state, cursor: c }, ops: [{ kind: "redraw" }] };
}

function insert(state: EditorState, text: string): Result {
  const { buffer, cursor } = state;
  return {
    state: edit(state, buffer.slice(0, cursor) + text + buffer.slice(cursor), cursor + text.length),
    ops: [{ kind: "redraw" }],
  };
}

/** Up/Down: show another history line, keeping what was typed on the one left. */
function browse(state: EditorState, index: number, history: readonly string[]): Result {
  if (index < 0 || index > history.length) return { state, ops: [{ kind: "bell" }] };
  const buffer = state.edits[index] ?? history[index] ?? "";
  return {
    state: { ...state, historyIndex: index, buffer, cursor: buffer.length },
    ops: [{ kind: "redraw" }],
  };
}

/** The newest history line at or before `from` containing `query`, searching each line from its end. */
function findBack(
  history: readonly string[],
  query: string,
  from: number,
): { index: number; at: number } | undefined {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) {
    const at = (history[i] ?? "").lastIndexOf(query);
    if (at >= 0) return { index: i, at };
  }
  return undefined;
}

function searchFor(
  state: EditorState,
  search: Search,
  query: string,
  from: number,
  history: readonly string[],
): Result {
  const found = query === "" ? undefined : findBack(history, query, from);
  if (!found) {
    const failed = query !== "";
    return {
      state: { ...state, search: { ...search, query, failed } },
      ops: failed ? [{ kind: "redraw" }, { kind: "bell" }] : [{ kind: "redraw" }],
    };
  }
  return {
    state: { ...state, search: { ...search, query, failed: false, ...found } },
    ops: [{ kind: "redraw" }],
  };
}

/** Keys while searching: typing extends the query, Ctrl+R looks further back, other keys end the search. */
function pressInSearch(state: EditorState, search: Search, key: Key, env: EditorEnv): Result {
  const { history } = env;
  if ("text" in key)
    return searchFor(
      state,
      search,
      search.query + key.text,
      Math.max(search.index, history.length - 1),
      history,
    );
  switch (key.name) {
    case "ctrl-r": {
      if (search.query === "") return searchFor(state, search, state.lastSearch, history.length - 1, history);
      const from = search.index >= 0 ? search.index - 1 : history.length - 1;
      const found = findBack(history, search.query, from);
      if (!found)
        return {
          state: { ...state, search: { ...search, failed: true } },
          ops: [{ kind: "redraw" }, { kind: "bell" }],
        };
      return {
        state: { ...state, search: { ...search, ...found, failed: false } },
        ops: [{ kind: "redraw" }],
      };
    }
    case "backspace":
      return searchFor(state, search, search.query.slice(0, -1), history.length - 1, history);
    case "ctrl-g":
    case "escape": {
      const restored = {
        ...state,
        ...search.original,
        search: undefined,
        lastSearch: search.query || state.lastSearch,
      };
      return { state: restored, ops: [{ kind: "redraw" }] };
    }
    case "ctrl-c":
      return { state: { ...state, search: undefined }, ops: [{ kind: "interrupt" }] };
    default: {
      // The line found becomes the line being edited, and the key then does what it always does.
      const found = search.index >= 0;
      const line = found ? (history[search.index] ?? "") : state.buffer;
      const accepted: EditorState = {
        ...state,
        search: undefined,
        lastSearch: search.query || state.lastSearch,
        buffer: line,
        cursor: found ? search.at : state.cursor,
        historyIndex: found ? search.index : state.historyIndex,
      };
      const after = press(accepted, key, env);
      return { state: after.state, ops: [{ kind: "redraw" }, ...after.ops] };
    }
  }
}

/** The state with the word being completed taken out, ready for the completion to be inserted. */
function replaced(state: EditorState, start: number): EditorState {
  return {
    ...state,
    afterTab: false,
    cursor: start,
    buffer: state.buffer.slice(0, start) + state.buffer.slice(state.cursor),
  };
}

/**
 * Tab: a single candidate is inserted whole; several share a longer prefix that is inserted; else
 * the bell rings, and a second Tab that changes nothing lists them, as readline does.
 */
function complete(state: EditorState, env: EditorEnv): Result {
  const completion = env.complete(state.buffer, state.cursor);
  const { candidates, start } = completion;
  const typed = state.buffer.slice(start, state.cursor);
  const tabbed = { ...state, afterTab: true };
  if (candidates.length === 0) return { state: tabbed, ops: [{ kind: "bell" }] };
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    const atSpace = state.buffer[state.cursor] === " ";
    const text = only.value + (only.suffix === " " && atSpace ? "" : only.suffix);
    const result = insert(replaced(state, start), text);
    // Moving over an existing space after the word, as readline does when the word was already there.
    const moved =
      only.suffix === " " && atSpace ? { ...result.state, cursor: result.state.cursor + 1 } : result.state;
    return { state: moved, ops: result.ops };
  }
  const prefix = commonPrefix(candidates.map((c) => c.value));
  if (prefix.length > typed.length && prefix.startsWith(typed)) {
    return insert(replaced(state, start), prefix);
  }
  if (!state.afterTab) return { state: tabbed, ops: [{ kind: "bell" }] };
  const text = formatColumns(
    candidates.map((c) => c.display),
    env.columns,
  );
  return { state: tabbed, ops: [{ kind: "list", text }] };
}

/** One key at the prompt. */
export function press(state: EditorState, key: Key, env: EditorEnv): Result {
  if (state.search) return pressInSearch(state, state.search, key, env);
  const afterTab = "name" in key && key.name === "tab";
  const current = afterTab ? state : { ...state, afterTab: false };
  if ("text" in key) return insert(current, key.text);
  return pressNamed(current, key.name, env);
}

function pressNamed(state: EditorState, name: KeyName, env: EditorEnv): Result {
  const { buffer, cursor } = state;
  switch (name) {
    case "enter":
      return { state, ops: [{ kind: "submit", line: buffer }] };
    case "tab":
      return complete(state, env);
    case "backspace":
      if (cursor === 0) return { state, ops: [{ kind: "bell" }] };
      return {
        state: edit(state, buffer.slice(0, cursor - 1) + buffer.slice(cursor), cursor - 1),
        ops: [{ kind: "redraw" }],
      };
    case "delete":
      if (cursor >= buffer.length) return { state, ops: [] };
      return {
        state: edit(state, buffer.slice(0, cursor) + buffer.slice(cursor + 1), cursor),
        ops: [{ kind: "redraw" }],
      };
    case "ctrl-d":
      if (buffer === "") return { state, ops: [{ kind: "eof" }] };
      return pressNamed(state, "delete", env);
    case "left":
    case "ctrl-b":
      return moveTo(state, cursor - 1);
    case "right":
    case "ctrl-f":
      return moveTo(state, cursor + 1);
    case "home":
    case "ctrl-a":
      return moveTo(state, 0);
    case "end":
    case "ctrl-e":
      return moveTo(state, buffer.length);
    case "word-left":
      return moveTo(state, wordStart(buffer, cursor));
    case "word-right":
      return moveTo(state, wordEnd(buffer, cursor));
    case "ctrl-u":
      return kill(state, 0, cursor);
    case "ctrl-k":
      return kill(state, cursor, buffer.length);
    case "ctrl-w":
      return kill(state, bigWordStart(buffer, cursor), cursor);
    case "kill-word-back":
      return kill(state, wordStart(buffer, cursor), cursor);
    case "kill-word-forward":
      return kill(state, cursor, wordEnd(buffer, cursor));
    case "ctrl-y":
      return state.killed ? insert(state, state.killed) : { state, ops: [] };
    case "up":
    case "ctrl-p":
      return browse(state, state.historyIndex - 1, env.history);
    case "down":
    case "ctrl-n":
      return browse(state, state.historyIndex + 1, env.history);
    case "ctrl-r": {
      const search: Search = { query: "", index: -1, at: 0, failed: false, original: { buffer, cursor } };
      return { state: { ...state, search }, ops: [{ kind: "redraw" }] };
    }
    case "ctrl-c":
      return { state, ops: [{ kind: "interrupt" }] };
    case "ctrl-l":
      return { state, ops: [{ kind: "clear" }] };
    case "ctrl-g":
      return { state, ops: [{ kind: "bell" }] };
    case "ctrl-q":
    case "escape":
      return { state, ops: [] };
  }
}
