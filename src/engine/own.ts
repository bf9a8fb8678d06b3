/** A table entry by a name the user typed: `toString` or `__proto__` must not find Object's own. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
