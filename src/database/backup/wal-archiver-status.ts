import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ArchiverState {
  /** When the server last archived a WAL file; undefined when it never did (or does not archive). */
  lastArchivedAt?: Date;
  /** Archiving attempts that failed since the statistics were reset. */
  failedCount: number;
}

/** The primary's pg_stat_archiver: whether its WAL still reaches the archive (backups are only as recent as that). */
@Injectable()
export class WalArchiverStatus {
  constructor(private readonly dataSource: DataSource) {}

  async read(): Promise<ArchiverState> {
    const [row] = (await this.dataSource.query(`SELECT last_archived_time, failed_count::int AS failed_count FROM pg_stat_archiver`)) as {
      last_archived_time: Date | null;
      failed_count: number;
    }[];
    return { lastArchivedAt: row.last_archived_time ?? undefined, failedCount: row.failed_count };
  }
}
