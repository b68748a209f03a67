import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { LastBackupMarker } from '../../database/backup/last-backup-marker';
import { WalArchiverStatus } from '../../database/backup/wal-archiver-status';
import { Metrics } from '../../metrics/metrics';

const secondsSince = (at: Date | undefined) => (at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : Infinity);

/**
 * How old the last backup and the last archived WAL are, read at scrape time, so an operator
 * can alert on backups that stopped (docs/operations.md). Never is +Inf, which any "older than"
 * alert catches.
 */
@Injectable()
export class BackupGauges {
  private readonly logger = new Logger('Metrics');

  constructor(metrics: Metrics, archiver: WalArchiverStatus, marker: LastBackupMarker) {
    const logger = this.logger;
    // Only where a backup job is known to write its marker: the embedded cluster, or BACKUP_STATUS_FILE.
    if (marker.path) {
      new Gauge({
        name: 'evently_backup_last_success_age_seconds',
        help: 'Seconds since the last successful base backup finished (+Inf: none yet).',
        registers: [metrics.registry],
        async collect() {
          this.set(secondsSince(await marker.finishedAt()));
        },
      });
    }

    // One small query each: a scrape collects all gauges at once, so neither may wait for the other.
    new Gauge({
      name: 'evently_wal_last_archived_age_seconds',
      help: 'Seconds since the primary last archived a WAL segment (pg_stat_archiver; +Inf: never, or archiving is off).',
      registers: [metrics.registry],
      async collect() {
        try {
          this.set(secondsSince((await archiver.read()).lastArchivedAt));
        } catch (error) {
          this.set(NaN);
          logger.warn({ msg: 'WAL archiver state not collected', error: (error as Error).message });
        }
      },
    });
    new Gauge({
      name: 'evently_wal_archive_failures',
      help: 'Failed attempts to archive a WAL segment since the statistics were reset (pg_stat_archiver.failed_count).',
      registers: [metrics.registry],
      async collect() {
        try {
          this.set((await archiver.read()).failedCount);
        } catch {
          this.set(NaN); // logged by the gauge above
        }
      },
    });
  }
}
