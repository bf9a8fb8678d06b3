/**
 * awk's files and commands: what `getline < file` and `cmd | getline` read, and what `print > file`,
 * `>>` and `| cmd` write, until `close()` or the end. Output to a file or command is held and
 * handed over when it is closed, as a buffered stream would be; a command's output goes straight to
 * the terminal, past awk's own stdout, which waits in its buffer until awk exits or runs system().
 */
import type { Dialect } from "./value";

/** What the interpreter may do outside itself: the lab's files and shell. */
export interface Host {
  readFile(name: string): string | undefined;
  /** Whether a file can be made there (its directory exists). */
  canCreate(name: string): boolean;
  writeFile(name: string, text: string, append: boolean): void;
  /** Runs a command line with the given input; its output is returned when `capture`, else printed. */
  run(line: string, stdin: string, capture: boolean): { out: string; status: number };
  stdout(text: string): void;
  stderr(text: string): void;
  /** The clock's seconds, time(NULL): the seed rand() starts from. */
  time(): number;
}

interface Reader {
  records: string[];
  next: number;
  status: number;
}

interface Writer {
  mode: ">" | ">>" | "|";
  text: string;
}

/**
 * Splits text into records by RS: a newline by default, one character, a regex (longer), or "" for
 * paragraphs (blank lines between; busybox keeps the last one's final newline, mawk does not).
 */
export function records(text: string, rs = "\n", dialect: Dialect = "mawk"): string[] {
  if (rs === "") {
    const body = text.replace(/^\n+/, "");
    if (body === "") return [];
    const parts = body.split(/\n\n+/);
    const last = parts.length - 1;
    if (parts[last] === "" || parts[last] === "\n") parts.pop();
    else if (dialect === "mawk") parts[last] = (parts[last] ?? "").replace(/\n+$/, "");
    return parts;
  }
  const parts = rs.length === 1 ? text.split(rs) : text.split(new RegExp(rs));
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

export class Streams {
  private readonly readers = new Map<string, Reader>();
  private readonly writers = new Map<string, Writer>();
  /** awk's own stdout, waiting to be flushed. */
  out = "";

  constructor(
    readonly host: Host,
    readonly dialect: Dialect,
    /** RS as it is when a file or command is first read. */
    readonly rs: () => string,
  ) {}

  flush(): void {
    this.host.stdout(this.out);
    this.out = "";
  }

  /** The next record of a file or a command's output: the text, or 0 at the end, -1 if it cannot be read. */
  read(name: string, command: boolean): string | 0 | -1 {
    let reader = this.readers.get(name);
    if (!reader) {
      if (command) {
        const result = this.host.run(name, "", true);
        reader = { records: records(result.out, this.rs(), this.dialect), next: 0, status: result.status };
      } else {
        const text = name === "-" || name === "/dev/stdin" ? "" : this.host.readFile(name);
        if (text === undefined) return -1;
        reader = { records: records(text, this.rs(), this.dialect), next: 0, status: 0 };
      }
      this.readers.set(name, reader);
    }
    const record = reader.records[reader.next];
    if (record === undefined) return 0;
    reader.next++;
    return record;
  }

  /** Where print sends text; false when the file cannot be made. */
  write(mode: Writer["mode"], name: string, text: string): boolean {
    if (mode !== "|" && name === "/dev/stdout") {
      this.out += text;
      return true;
    }
    // mawk writes /dev/stderr unbuffered; busybox opens it as a file, flushed when it is closed.
    if (mode !== "|" && name === "/dev/stderr" && this.dialect === "mawk") {
      this.host.stderr(text);
      return true;
    }
    let writer = this.writers.get(name);
    if (!writer) {
      if (mode !== "|" && name !== "/dev/stderr" && !this.host.canCreate(name)) return false;
      writer = { mode, text: "" };
      this.writers.set(name, writer);
      if (mode === ">") this.host.writeFile(name, "", false);
    }
    writer.text += text;
    return true;
  }

  private finish(name: string, writer: Writer): number {
    if (writer.mode === "|") {
      // A command reading from awk: its output reaches the terminal before awk's own buffer.
      const status = this.host.run(name, writer.text, false).status;
      return this.dialect === "busybox" ? status * 256 : status;
    }
    if (name === "/dev/stderr") this.host.stderr(writer.text);
    else this.host.writeFile(name, writer.text, true);
    return 0;
  }

  /** close(): what it returns is the command's exit status (busybox: as wait() gives it), 0 for a file, -1 (mawk) or 0 for nothing open. */
  close(name: string): number {
    const writer = this.writers.get(name);
    const reader = this.readers.get(name);
    this.writers.delete(name);
    this.readers.delete(name);
    if (writer) return this.finish(name, writer);
    if (reader) return this.dialect === "busybox" ? reader.status * 256 : reader.status;
    return this.dialect === "mawk" ? -1 : 0;
  }

  /**
   * At the end. busybox leaves it to exit(), which flushes the streams it opened (newest first) and
   * then stdout; a command it writes to prints after awk is gone. mawk closes its commands first.
   */
  closeAll(): void {
    const open = [...this.writers].reverse();
    this.writers.clear();
    if (this.dialect === "busybox") {
      for (const [name, writer] of open) if (writer.mode !== "|") this.finish(name, writer);
      this.flush();
    }
    for (const [name, writer] of open)
      if (this.dialect === "mawk" || writer.mode === "|") this.finish(name, writer);
    this.flush();
  }

  /** system(): stdout is flushed first, so the command's output follows what awk printed. */
  system(line: string): number {
    this.flush();
    return this.host.run(line, "", false).status;
  }
}
