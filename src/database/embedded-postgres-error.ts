/**
 * Why the embedded PostgreSQL could not start, and what to do about it, in one line. The stack
 * would only show the launcher's own frames, so it is left out of what gets printed.
 */
export class EmbeddedPostgresError extends Error {
  constructor(cause: string, fix: string) {
    super(`embedded PostgreSQL: ${cause}. Fix: ${fix}.`);
    this.stack = this.message;
  }
}
// On the prototype, not the instance: an own property would make util.inspect print it as a second line.
EmbeddedPostgresError.prototype.name = 'EmbeddedPostgresError';

/** The fix that always works, added to every specific one. */
export const OR_USE_A_SERVER = 'or set DATABASE_URL to a PostgreSQL server of your own';

/** `ENOENT`, `EACCES`... of a Node error, or its message. */
export function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}

/** A data folder that could not be made (the cluster's, or the folder DATA_DIR names). */
export function cannotCreateDataFolder(folder: string, error: unknown): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `cannot create its data folder ${folder} (${reasonOf(error)})`,
    `set DATA_DIR to a writable folder, ${OR_USE_A_SERVER}`,
  );
}
