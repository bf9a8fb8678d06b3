/**
 * Numbers handed out as the kernel's IDR and bitmaps do (netns ids, bridge port numbers): the
 * lowest one free. Kept as the next never-used number and the ones given back below it, so that
 * taking one does not read every number in use (a host with a thousand containers numbers a
 * thousand peer namespaces and bridge ports).
 */
export interface IdPool {
  /** The number after the highest handed out. */
  next: number;
  /** Numbers below `next` given back: handed out again first, lowest first. */
  free?: number[];
}

export function takeId(pool: IdPool): number {
  const free = pool.free;
  if (!free?.length) return pool.next++;
  const id = Math.min(...free);
  free.splice(free.indexOf(id), 1);
  if (free.length === 0) delete pool.free;
  return id;
}

export function giveBackId(pool: IdPool, id: number): void {
  pool.free = [...(pool.free ?? []), id];
}
