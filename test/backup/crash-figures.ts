// After a `kill -9` of the primary: what the archive kept of the bookings answered before it.
import { endLsnOf, parseLsn } from '../../src/database/backup/wal-segments';
import { check, say, sql } from '../faults/harness';
import { AcknowledgedBooking } from './books';

export interface Crash {
  killedAt: number;
  acknowledged: AcknowledgedBooking[];
  samples: { lsn: string; acknowledged: number }[];
  /** The newest segment the archive held when the primary died. */
  lastArchivedSegment: string;
}

export interface RestoredCopy {
  url: string;
  /** When the last transaction the restore replayed had committed. */
  lastReplayedAt?: Date;
}

/**
 * Checks that a copy restored to the end of the archive holds every booking answered before the
 * last WAL position that the archive covers, and returns the data lost in seconds (RPO): from
 * the last transaction the copy replayed to the kill.
 */
export async function checkNothingArchivedIsLost(label: string, restored: RestoredCopy, crash: Crash): Promise<number> {
  const archivedEnd = endLsnOf(crash.lastArchivedSegment);
  const covered = crash.samples.filter((sample) => parseLsn(sample.lsn) <= archivedEnd).at(-1)?.acknowledged ?? 0;
  const present = new Set(
    (
      await sql<{ id: string }>(restored.url, 'SELECT id FROM bookings WHERE id = ANY($1)', [
        crash.acknowledged.map((booking) => booking.id),
      ])
    ).map((row) => row.id),
  );
  const missing = crash.acknowledged.slice(0, covered).filter((booking) => !present.has(booking.id));
  check(
    `${label}: every booking committed before the last archived WAL (${crash.lastArchivedSegment}) is there`,
    covered > 0 && missing.length === 0,
    `${covered} such bookings, ${missing.length} missing`,
  );
  const lost = crash.acknowledged.filter((booking) => !present.has(booking.id));
  const rpo = restored.lastReplayedAt ? Math.max(0, (crash.killedAt - restored.lastReplayedAt.getTime()) / 1000) : NaN;
  say(
    `  ${label}: ${crash.acknowledged.length - lost.length} of ${crash.acknowledged.length} bookings answered in the last storm survived, ` +
      `${lost.length} lost (committed after the archive's last segment); ` +
      `the last transaction restored committed ${rpo.toFixed(1)} s before the kill (data lost, RPO)`,
  );
  return rpo;
}
