import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The last successful backup, as one small JSON file: `npm run backup` writes it for the
 * embedded cluster, and the server deployment's backup job (deploy/pgbackrest/backup.sh) for
 * pgBackRest. /metrics reads it for the backup's age, so an operator can alert on backups that
 * stopped.
 */
export interface LastBackup {
  finished_at: string;
  label: string;
  type: string;
  tool: string;
}

export async function writeLastBackup(path: string, backup: LastBackup): Promise<void> {
  // Written beside and renamed, so a scrape never reads half a file.
  await writeFile(`${path}.tmp`, `${JSON.stringify(backup)}\n`, { mode: 0o644 });
  await rename(`${path}.tmp`, path);
}

/** Where the marker is, if this deployment has one; `finishedAt` is undefined while there is no backup yet. */
export class LastBackupMarker {
  constructor(readonly path: string | undefined) {}

  async finishedAt(): Promise<Date | undefined> {
    if (!this.path) return undefined;
    try {
      const at = new Date((JSON.parse(await readFile(this.path, 'utf8')) as LastBackup).finished_at);
      return Number.isNaN(at.getTime()) ? undefined : at;
    } catch {
      return undefined;
    }
  }
}
