/**
 * One terminal tab: an xterm bound to one Session. It reads keys into the line editor, runs finished
 * lines through the store, prints what the player shows for this session, and keeps the terminal
 * conventions: type-ahead waits for the prompt, Ctrl+C interrupts, Ctrl+D leaves a container shell,
 * Ctrl+P Ctrl+Q detaches from a container's main shell, a pasted script runs line by line.
 */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { isRunning } from "../engine/docker/lookup";
import { containerOf } from "../shell/place";
import { currentFrame } from "../shell/session";
import type { Session } from "../shell/types";
import { useLab } from "../store/lab-store";
import { onOffer } from "../store/offer";
import { onPlayer, type PlayerEvent, usePlayer } from "../store/player";
import { loadRuntime, runtime } from "../store/runtime-loader";
import { registerTerminal, type TerminalHandle } from "../store/terminals";
import { complete } from "./completion";
import { joinContinued, unfinished } from "./continuation";
import { decodeKeys, type Key } from "./keys";
import { type EditorOp, type EditorState, emptyEditor, nextLine, press, view } from "./line-editor";
import { type Drawn, redraw, toEnd } from "./line-render";
import { FRESH_LINE, type StyleState, styleOutput } from "./output-style";
import { promptFor } from "./prompt";
import { THEMES } from "./themes";

/** What the page does with keys meant for it rather than for the shell. */
export interface PageKeys {
  /** Ctrl+= / Ctrl+- / Ctrl+0. */
  fontSize(step: -1 | 0 | 1): void;
  /** Whether a key is a page shortcut (tabs: Alt+T …) that the terminal must leave alone. */
  isShortcut(event: KeyboardEvent): boolean;
}

const CLEAR_SCREEN = "\x1b[H\x1b[2J";
/** What `clear` prints: home, erase the screen, erase the scrollback. */
const CLEAR_ALL = "\x1b[H\x1b[2J\x1b[3J";
const CONTINUATION_PROMPT = "> ";

export class SessionTerminal implements TerminalHandle {
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private editor: EditorState = emptyEditor(0);
  /** The line as last drawn, and the column the prompt started in. */
  private drawn: Drawn | undefined;
  private startCol = 0;
  /** editing: at the prompt; running: a command's output is being shown; waiting: a prompt is about to appear. */
  private mode: "editing" | "running" | "waiting" = "waiting";
  /** Keys typed while a command ran, for the next prompt (a pasted script's following lines). */
  private typeAhead: Key[] = [];
  /** The lines so far of a command that needs more (shown with the "> " prompt). */
  private continued: string | undefined;
  /** Ctrl+P was pressed in a main shell: a Ctrl+Q now detaches. */
  private detachKey = false;
  /** Ctrl+C ended the command: the prompt goes on a fresh line. */
  private interrupted = false;
  private announced = false;
  /** A line offered while a command ran, for the next prompt. */
  private offered: string | undefined;
  private style: StyleState = FRESH_LINE;
  private readonly cleanup: (() => void)[] = [];
  private disposed = false;
  /** Waiting for the prompt (store/driver.ts): resolved when the shell is next ready for a line. */
  private waiters: ((state: { continued: boolean }) => void)[] = [];

  constructor(
    private readonly sessionId: string,
    element: HTMLElement,
    options: { theme: "light" | "dark"; fontSize: number },
    private readonly page: PageKeys,
  ) {
    this.term = new Terminal({
      fontFamily: "'DejaVu Sans Mono', 'JetBrains Mono', Menlo, Consolas, monospace",
      fontSize: options.fontSize,
      theme: THEMES[options.theme],
      cursorBlink: true,
      screenReaderMode: true,
      minimumContrastRatio: 4.5,
      scrollback: 5000,
      // Links in output (OSC 8) open only on http(s), in a new page that cannot reach this one.
      linkHandler: { activate: (_event, uri) => openWebLink(uri), allowNonHttpProtocols: false },
    });
    this.term.loadAddon(this.fit);
    this.term.open(element);
    this.fitToBox();
    this.term.attachCustomKeyEventHandler((e) => this.pageKey(e));
    const data = this.term.onData((d) => this.input(d));
    const selection = this.term.onSelectionChange(() => this.copySelection());
    this.cleanup.push(
      () => data.dispose(),
      () => selection.dispose(),
      onPlayer((e) => this.shown(e)),
      onOffer((line) => {
        if (useLab.getState().activeSession === this.sessionId) this.offer(line);
      }),
      useLab.subscribe((state, before) => {
        // After the change that caused it is complete, not in the middle of another tab's command.
        if (state.revision !== before.revision) queueMicrotask(() => this.noticeEndedShell());
      }),
    );
    this.prompt();
    this.cleanup.push(registerTerminal(sessionId, this));
  }

  /** Types text as if from the keyboard (the page's lab:run, a scripted demo), even when the student may not type. */
  type(text: string): void {
    this.input(text);
  }

  /** Nothing may be typed by the student (readonly=1); the page can still type(). */
  setReadonly(readonly: boolean): void {
    this.term.options.disableStdin = readonly;
  }

  /** Resolves when the shell is at its prompt, telling whether it waits for the rest of a line. */
  ready(): Promise<{ continued: boolean }> {
    if (this.mode === "editing") return Promise.resolve({ continued: this.continued !== undefined });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Once the first prompt has been rendered, the rest of the lab may load. */
  private announceFirstPrompt(): void {
    if (this.announced) return;
    this.announced = true;
    const rendered = this.term.onRender(() => {
      rendered.dispose();
      useLab.getState().promptShown();
    });
    this.cleanup.push(() => rendered.dispose());
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.cleanup) c();
    this.term.dispose();
  }

  setTheme(theme: "light" | "dark"): void {
    this.term.options.theme = THEMES[theme];
  }

  setFontSize(size: number): void {
    this.term.options.fontSize = size;
    this.fitToBox();
  }

  /** Fits the grid to the element (after a resize, a split move, a font change). */
  fitToBox(): void {
    const dims = this.fit.proposeDimensions();
    if (!dims || Number.isNaN(dims.cols) || dims.cols < 2 || dims.rows < 1) return;
    if (dims.cols !== this.term.cols || dims.rows !== this.term.rows) this.fit.fit();
  }

  focus(): void {
    this.term.focus();
  }

  /** Puts `line` into the prompt in place of what is typed there, cursor at its end; it runs on Enter. */
  offer(line: string): void {
    this.focus();
    if (this.mode !== "editing") {
      // Keys typed from now on (Enter) go after it, when the prompt is back.
      this.offered = line;
      return;
    }
    this.editor = {
      ...nextLine(this.editor, this.session()?.history.length ?? 0),
      buffer: line,
      cursor: line.length,
    };
    this.draw();
  }

  private session(): Session | undefined {
    return useLab.getState().lab.sessions.find((s) => s.id === this.sessionId);
  }

  private promptText(): string {
    const session = this.session();
    if (this.continued !== undefined || !session) return CONTINUATION_PROMPT;
    return promptFor(useLab.getState().lab.world, currentFrame(session));
  }

  /** Keys the page handles (font size, tabs, copy, paste, leaving the terminal); false keeps them from xterm. */
  private pageKey(e: KeyboardEvent): boolean {
    if (this.page.isShortcut(e)) return false;
    const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
    if (
      ctrl &&
      !e.shiftKey &&
      ["Equal", "Minus", "Digit0", "NumpadAdd", "NumpadSubtract", "Numpad0"].includes(e.code)
    ) {
      if (e.type === "keydown") {
        e.preventDefault();
        this.page.fontSize(e.code === "Equal" || e.code === "NumpadAdd" ? 1 : e.code.endsWith("0") ? 0 : -1);
      }
      return false;
    }
    // Ctrl+C with text selected copies it, as in the terminals of VS Code and Windows.
    if (ctrl && e.code === "KeyC" && this.term.hasSelection()) {
      if (e.type === "keydown") {
        this.copySelection();
        this.term.clearSelection();
        e.preventDefault();
      }
      return false;
    }
    // Ctrl+V pastes (the browser's paste event reaches xterm), rather than sending ^V.
    if (ctrl && !e.shiftKey && e.code === "KeyV") return false;
    // Shift+Tab leaves the terminal, so keyboard users are not trapped in it.
    if (e.key === "Tab" && e.shiftKey && !e.ctrlKey && !e.altKey) return false;
    // So does Escape, to the first control after the terminal, except that in a history search it
    // cancels the search, as in bash.
    if (e.key === "Escape" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !this.editor.search) {
      if (e.type === "keydown") {
        e.preventDefault();
        this.leave();
      }
      return false;
    }
    return true;
  }

  /** Moves the focus out of the terminal: to the first control after it on the page, or else the first one. */
  private leave(): void {
    const terminal = this.term.element?.closest("section");
    if (!terminal) return;
    const controls = [
      ...terminal.ownerDocument.querySelectorAll<HTMLElement>(
        "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])",
      ),
    ].filter((el) => !terminal.contains(el) && el.getClientRects().length > 0);
    const after = controls.find(
      (el) => terminal.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    (after ?? controls[0])?.focus();
  }

  private copySelection(): void {
    const text = this.term.getSelection();
    if (!text || typeof navigator === "undefined" || !navigator.clipboard) return;
    navigator.clipboard.writeText(text).catch(() => {
      // Clipboard refused (no permission): the selection stays for the browser's own copy.
    });
  }

  private input(data: string): void {
    for (const key of decodeKeys(data)) this.key(key);
  }

  private key(key: Key): void {
    if (this.mode !== "editing") {
      if (this.mode === "running" && "name" in key && key.name === "ctrl-c") this.interruptCommand();
      else this.typeAhead.push(key);
      return;
    }
    const named = "name" in key ? key.name : undefined;
    if (this.detachKey) {
      this.detachKey = false;
      if (named === "ctrl-q") {
        this.detach();
        return;
      }
      this.edit({ name: "ctrl-p" });
      if (this.mode !== "editing") {
        this.typeAhead.push(key);
        return;
      }
    }
    const session = this.session();
    if (named === "ctrl-p" && session && currentFrame(session).main) {
      // The Docker client holds Ctrl+P back to see whether Ctrl+Q follows.
      this.detachKey = true;
      return;
    }
    this.edit(key);
  }

  private edit(key: Key): void {
    const session = this.session();
    if (!session) return;
    const world = useLab.getState().lab.world;
    const frame = currentFrame(session);
    const { state, ops } = press(this.editor, key, {
      history: session.history,
      columns: this.term.cols,
      // Before the shell has loaded, Tab offers nothing.
      complete: (line, cursor) => {
        const source = runtime()?.completionSource(world, frame);
        return source ? complete(line, cursor, source) : { start: cursor, candidates: [] };
      },
    });
    this.editor = state;
    for (const op of ops) this.apply(op);
  }

  private apply(op: EditorOp): void {
    switch (op.kind) {
      case "redraw":
        this.draw();
        return;
      case "bell":
        return;
      case "list":
        this.leaveLine(`\r\n${op.text.replace(/\n/g, "\r\n")}`);
        this.draw();
        return;
      case "submit":
        this.leaveLine("\r\n");
        this.submit(op.line);
        return;
      case "interrupt":
        this.leaveLine("^C\r\n");
        this.continued = undefined;
        useLab.getState().cancelLine(this.sessionId);
        this.freshLine();
        return;
      case "eof":
        this.endOfInput();
        return;
      case "clear":
        this.term.write(CLEAR_SCREEN);
        this.drawn = undefined;
        this.startCol = 0;
        this.draw();
        return;
    }
  }

  private draw(): void {
    const session = this.session();
    if (!session) return;
    const next = view(this.editor, this.promptText(), session.history);
    this.term.write(redraw(this.drawn, next, this.startCol, this.term.cols));
    this.drawn = next;
  }

  /** Moves below the line being edited, writing `text` there; the next draw starts a new line. */
  private leaveLine(text: string): void {
    if (this.drawn) this.term.write(toEnd(this.drawn, this.startCol, this.term.cols));
    this.term.write(text);
    this.drawn = undefined;
    this.startCol = 0;
  }

  /** A new, empty line at column 0 with the prompt. */
  private freshLine(): void {
    const session = this.session();
    this.editor = nextLine(this.editor, session?.history.length ?? 0);
    this.drawn = undefined;
    this.startCol = 0;
    this.draw();
  }

  private notifyReady(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w({ continued: this.continued !== undefined });
  }

  private submit(line: string): void {
    const text = this.continued === undefined ? line : joinContinued(this.continued, line);
    if (unfinished(text)) {
      this.continued = text;
      this.freshLine();
      this.notifyReady();
      return;
    }
    this.continued = undefined;
    this.execute(text);
  }

  private execute(text: string): void {
    this.mode = "running";
    if (!runtime()) {
      void loadRuntime().then(() => this.disposed || this.execute(text));
      return;
    }
    const execution = useLab.getState().run(this.sessionId, text);
    if (execution.incomplete) {
      // The shell wants more than the terminal's own check saw: ask for it all the same.
      this.mode = "editing";
      this.continued = text;
      this.freshLine();
      this.notifyReady();
      return;
    }
    usePlayer.getState().enqueue(this.sessionId, execution);
  }

  /** Ctrl+D on an empty line: a container's shell ends (as `exit` does); the host's login shell stays. */
  private endOfInput(): void {
    const session = this.session();
    if (!session || session.frames.length <= 1) return;
    const frame = currentFrame(session);
    // bash prints "exit" after the prompt; ash and sh just end the line.
    if (frame.shell !== "bash") this.leaveLine("\r\n");
    else this.leaveLine("");
    // The leading space keeps it out of the history, as an EOF is no command.
    this.execute(" exit");
  }

  private detach(): void {
    const execution = useLab.getState().detach(this.sessionId);
    if (!execution) return;
    this.leaveLine(execution.chunks.length === 0 ? "\r\n" : "");
    this.mode = "running";
    usePlayer.getState().enqueue(this.sessionId, execution);
  }

  /** Ctrl+C while a command runs: typed-ahead input is discarded, the process is told (the ^C comes with its output). */
  private interruptCommand(): void {
    this.typeAhead = [];
    this.interrupted = true;
    // A running process gets the signal; its output places the ^C after what it had printed.
    if (usePlayer.getState().busy[this.sessionId]) usePlayer.getState().interrupt(this.sessionId);
    else {
      this.term.write("^C");
      this.prompt();
    }
  }

  /**
   * A container stopped (from another tab, or `docker stop`) while this tab sat at its shell's
   * prompt: that shell is gone, so the tab returns to the shell below, as `docker exec` ends then.
   */
  private noticeEndedShell(): void {
    const session = this.session();
    if (this.disposed || this.mode !== "editing" || !session || session.frames.length <= 1) return;
    const { lab } = useLab.getState();
    const frame = currentFrame(session);
    const c = containerOf(lab.world, frame);
    if (c && isRunning(c)) return;
    this.leaveLine("\r\n");
    this.continued = undefined;
    // An empty line lets the shell layer drop the dead frames; it prints nothing and changes no status.
    this.execute("");
  }

  private shown(e: PlayerEvent): void {
    if (e.session !== this.sessionId || this.disposed) return;
    if (e.kind === "chunk") {
      const styled = styleOutput(e.chunk.text, e.chunk.stream, this.style);
      this.style = styled.state;
      this.term.write(styled.text);
      return;
    }
    if (e.execution.clear) this.term.write(CLEAR_ALL);
    if (e.idle) this.prompt();
  }

  /** Shows the prompt once everything written so far is on screen, then replays typed-ahead keys. */
  private prompt(): void {
    this.mode = "waiting";
    this.term.write("", () => {
      if (this.disposed) return;
      const column = this.term.buffer.active.cursorX;
      if (this.interrupted && column > 0) this.term.write("\r\n");
      this.startCol = this.interrupted ? 0 : column;
      this.interrupted = false;
      this.style = FRESH_LINE;
      this.editor = nextLine(this.editor, this.session()?.history.length ?? 0);
      this.drawn = undefined;
      this.mode = "editing";
      this.draw();
      this.announceFirstPrompt();
      if (this.offered !== undefined) {
        const line = this.offered;
        this.offered = undefined;
        this.offer(line);
      }
      this.notifyReady();
      while (this.mode === "editing" && this.typeAhead.length > 0) {
        const next = this.typeAhead.shift();
        if (next) this.key(next);
      }
    });
  }
}

function openWebLink(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  if (url.protocol === "http:" || url.protocol === "https:")
    window.open(url.href, "_blank", "noopener,noreferrer");
}
