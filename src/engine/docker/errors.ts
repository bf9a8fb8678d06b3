/** A refusal from the daemon; the CLI prints it after "Error response from daemon: ". */
export class DaemonError extends Error {
  constructor(
    message: string,
    /** HTTP-like status the API would return: 404 for missing objects, 409 for conflicts … */
    readonly status = 500,
  ) {
    super(message);
  }
}

export class NotFound extends DaemonError {
  constructor(message: string) {
    super(message, 404);
  }
}
