/**
 * Argument handling shared by the `ip` objects, with iproute2's and busybox's own wording for a
 * missing or wrong argument, and the kernel's answers (`RTNETLINK answers: File exists`).
 */
import { KernelError, linkByName } from "../../../../engine/linux/kernel";
import type { Link, Netns } from "../../../../engine/linux/types";
import { ToolExit } from "../../../command";
import type { Ctx } from "../../../types";
import { strerror } from "../../strerror";
import { canAdminister } from "../common";

export type Style = "iproute2" | "busybox";

export function styleOf(ctx: Ctx): Style {
  return ctx.place.flavor === "busybox" ? "busybox" : "iproute2";
}

/** iproute2's matches(): the word is a non-empty prefix of the keyword ("a" for "address"). */
export function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/** The words after the object and command, read one at a time as iproute2's NEXT_ARG() does. */
export class Args {
  private i = 0;

  constructor(
    private readonly words: string[],
    readonly style: Style,
  ) {}

  get done(): boolean {
    return this.i >= this.words.length;
  }

  peek(): string | undefined {
    return this.words[this.i];
  }

  take(): string {
    const word = this.words[this.i++];
    if (word === undefined) throw this.incomplete();
    return word;
  }

  /** The value after a keyword: a missing one ends the tool as NEXT_ARG() does. */
  value(): string {
    if (this.i >= this.words.length) throw this.incomplete();
    return this.take();
  }

  rest(): string[] {
    const rest = this.words.slice(this.i);
    this.i = this.words.length;
    return rest;
  }

  private incomplete(): ToolExit {
    return this.style === "busybox"
      ? new ToolExit(1, 'ip: command line is not complete, try "help"\n')
      : new ToolExit(255, 'Command line is not complete. Try option "help"\n');
  }
}

export function invarg(style: Style, msg: string, arg: string): ToolExit {
  return style === "busybox"
    ? new ToolExit(1, `ip: invalid argument '${arg}' to '${msg}'\n`)
    : new ToolExit(255, `Error: argument "${arg}" is wrong: ${msg}\n`);
}

export function duparg2(style: Style, key: string, arg: string): ToolExit {
  return style === "busybox"
    ? new ToolExit(1, `ip: either "${key}" is duplicate, or "${arg}" is garbage\n`)
    : new ToolExit(255, `Error: either "${key}" is duplicate, or "${arg}" is garbage.\n`);
}

/** ll_name_to_index(): the link a `dev NAME` names, or the tool's "cannot find device". */
export function deviceNamed(ns: Netns, style: Style, name: string): Link {
  const link = linkByName(ns, name);
  if (link) return link;
  throw style === "busybox"
    ? new ToolExit(1, `ip: can't find device '${name}'\n`)
    : new ToolExit(1, `Cannot find device "${name}"\n`);
}

/** The kernel refused a netlink request: iproute2 prints its extended ack if it sent one. */
export function rtnetlink(style: Style, errno: string, extack?: string): ToolExit {
  if (style === "busybox") return new ToolExit(2, `ip: RTNETLINK answers: ${strerror(errno)}\n`);
  if (extack) return new ToolExit(2, `Error: ${extack}${extack.endsWith(".") ? "" : "."}\n`);
  return new ToolExit(2, `RTNETLINK answers: ${strerror(errno)}\n`);
}

/** Runs a kernel operation, turning its refusal into the tool's netlink error. */
export function kernel<T>(style: Style, op: () => T): T {
  try {
    return op();
  } catch (error) {
    if (error instanceof KernelError) throw rtnetlink(style, error.errno, error.extack);
    throw error;
  }
}

/** Whether a place may change its namespace: without CAP_NET_ADMIN the kernel answers EPERM. */
export function requireAdmin(ctx: Ctx, style: Style): void {
  if (!canAdminister(ctx)) throw rtnetlink(style, "EPERM");
}
