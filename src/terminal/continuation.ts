/**
 * A command typed over several lines, as a shell reads it: an open quote, a trailing `|`, `&&`, `||`
 * or backslash asks for more with the "> " prompt, and the lines are joined into one command.
 */
import { ParseError, parseLine } from "../shell/parse";

/** Whether more lines are needed to finish the command. */
export function unfinished(line: string): boolean {
  try {
    parseLine(line);
    return false;
  } catch (error) {
    return error instanceof ParseError && error.incomplete;
  }
}

/** The next line of an unfinished command: a trailing backslash joins directly (it escapes the newline), otherwise a newline does. */
export function joinContinued(before: string, line: string): string {
  const escapedNewline = before.endsWith("\\") && !unfinished(before.slice(0, -1));
  return escapedNewline ? before.slice(0, -1) + line : `${before}\n${line}`;
}
