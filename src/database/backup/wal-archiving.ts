// PostgreSQL's continuous archiving for the embedded cluster, with the shell commands of its
// documentation ("Setting Up WAL Archiving"): the embedded binaries ship no pg_receivewal or
// pgBackRest that would know its version, and cp is everywhere.

/** How long a segment may wait for more WAL before it is archived anyway: the bound on what a lost disk loses. */
export const ARCHIVE_TIMEOUT_SECONDS = 60;

/** A path for /bin/sh (single-quoted) inside a PostgreSQL command string (where % is special). */
function shellPath(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`.replace(/%/g, '%%');
}

/**
 * Server settings that copy each completed WAL segment into `walArchive`. A segment already
 * there counts as archived only when identical (PostgreSQL retries a segment whose copy it did
 * not see finish); a different one is refused, never overwritten. The copy is made under a
 * temporary name, flushed, then renamed, so the archive never holds half a segment.
 */
export function walArchivingSettings(walArchive: string, timeoutSeconds = ARCHIVE_TIMEOUT_SECONDS): Record<string, string> {
  const target = `${shellPath(walArchive)}/%f`;
  const archiveCommand =
    `if [ -f ${target} ]; then cmp -s %p ${target}; ` +
    `else cp %p ${target}.part && sync ${target}.part && mv ${target}.part ${target}; fi`;
  return {
    wal_level: 'replica',
    archive_mode: 'on',
    archive_command: archiveCommand,
    archive_timeout: String(timeoutSeconds),
  };
}

/** The restore_command that reads segments back from `walArchive` during recovery. */
export function restoreCommandFor(walArchive: string): string {
  return `cp ${shellPath(walArchive)}/%f %p`;
}
