export type ReplicaStatus = 'up' | 'lagging' | 'down';

/** What one probe of a replica saw; undefined when the replica did not answer in time. */
export interface ReplicaProbe {
  /** false once a replica has been promoted: it no longer follows the primary. */
  inRecovery: boolean;
  /** The replica has replayed everything the primary had flushed when the probe began. */
  caughtUp: boolean;
  /** now() on the replica minus the commit time of the last transaction it replayed (null: none yet). */
  sinceLastReplayMs: number | null;
}

export interface ReplicaState {
  status: ReplicaStatus;
  /** How far behind the primary the replica is; null when it is down. */
  lagMs: number | null;
}

/**
 * Lag as PostgreSQL's monitoring guides measure it: none when the replica has replayed all the
 * primary had written, else the age of the last transaction it replayed. The second figure
 * overstates the lag after an idle spell (the last replayed commit is old), which only skips a
 * replica for one probe; it never understates it.
 */
export function replicaState(probe: ReplicaProbe | undefined, maxLagMs: number): ReplicaState {
  if (!probe || !probe.inRecovery) return { status: 'down', lagMs: null };
  const lagMs = probe.caughtUp ? 0 : Math.max(0, Math.round(probe.sinceLastReplayMs ?? Infinity));
  return { status: lagMs <= maxLagMs ? 'up' : 'lagging', lagMs: Number.isFinite(lagMs) ? lagMs : null };
}
