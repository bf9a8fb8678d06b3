/** The last component of a path: "/bin/sh" and "sh" give "sh", a path ending in "/" gives "". */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
