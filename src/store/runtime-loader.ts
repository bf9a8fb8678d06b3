/**
 * Loads runtime.ts once. The prompt and the graph need only the world; a line entered before the
 * runtime has arrived waits for it, as typed-ahead input waits for a busy shell.
 */
export type Runtime = typeof import("./runtime");

let loaded: Runtime | undefined;
let loading: Promise<Runtime> | undefined;

export function loadRuntime(): Promise<Runtime> {
  loading ??= import("./runtime").then((runtime) => {
    loaded = runtime;
    return runtime;
  });
  return loading;
}

/** The runtime if it has arrived. */
export function runtime(): Runtime | undefined {
  return loaded;
}
