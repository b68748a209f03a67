import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { dataSourceOptions } from '../data-source-options';
import { ReplicaProbe, ReplicaState, replicaState } from './replica-lag';

// Lag is measured this often; a replica that falls behind is skipped from the next probe on.
const PROBE_INTERVAL_MS = 1_000;
// A replica that takes longer than this to say how far behind it is counts as down.
const PROBE_TIMEOUT_MS = 1_500;

export interface Replica extends ReplicaState {
  /** host:port, never the credentials. */
  name: string;
}

interface TrackedReplica extends Replica {
  dataSource: DataSource;
  connecting?: Promise<unknown>;
}

/**
 * The streaming replicas of DATABASE_REPLICA_URLS and how far each is behind the primary, measured
 * every second. Each replica is a DataSource of its own rather than TypeORM's `replication`
 * option: that one refuses to start while any replica is unreachable (it opens every pool with a
 * test connection) and picks a replica at random, knowing nothing of lag. Here a replica that is
 * down at start-up is connected when it comes back, and only current ones are handed out.
 */
@Injectable()
export class ReplicaSet implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Replicas');
  private readonly replicas: TrackedReplica[];
  private timer?: NodeJS.Timeout;
  private probing?: Promise<void>;
  private stopped = false;
  private turn = 0;

  constructor(
    private readonly primary: DataSource,
    private readonly config: AppConfig,
  ) {
    this.replicas = config.replicaUrls.map((url) => ({
      name: nameOf(url),
      dataSource: new DataSource({
        ...dataSourceOptions({ url, replica: true, poolSize: config.dbPoolSize, poolQueueLimit: config.dbPoolQueueLimit }),
        entities: primary.options.entities,
      }),
      status: 'down',
      lagMs: null,
    }));
  }

  /** Each replica as last probed, for the health check. */
  get states(): Replica[] {
    return this.replicas.map(({ name, status, lagMs }) => ({ name, status, lagMs }));
  }

  /** A replica within REPLICA_MAX_LAG_MS at the last probe, taken in turn; none when there is none. */
  pick(): DataSource | undefined {
    const usable = this.replicas.filter((replica) => replica.status === 'up');
    return usable.length ? usable[this.turn++ % usable.length].dataSource : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.replicas.length) return;
    await this.probe();
    this.schedule();
  }

  /** A read failed on a replica: measure again now rather than at the next tick. */
  probeSoon(): void {
    void this.probe();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.probing;
    await Promise.all(this.replicas.map(({ dataSource }) => dataSource.isInitialized && dataSource.destroy()));
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.probe().finally(() => !this.stopped && this.schedule()), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  private probe(): Promise<void> {
    // Once shutting down, a probe could connect a replica again after its pool was closed.
    if (this.stopped) return Promise.resolve();
    this.probing ??= this.probeAll().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async probeAll(): Promise<void> {
    const primaryLsn = await this.primaryFlushLsn();
    await Promise.all(
      this.replicas.map(async (replica) => {
        const probe = primaryLsn ? await withTimeout(this.probeReplica(replica, primaryLsn)) : undefined;
        const state = replicaState(probe, this.config.replicaMaxLagMs);
        if (state.status !== replica.status) this.logger.log(`replica ${replica.name} is ${state.status} (lag ${state.lagMs ?? '?'} ms)`);
        Object.assign(replica, state);
      }),
    );
  }

  /** Where the primary's WAL was flushed up to as the probe begins: a replica past it is caught up. */
  private async primaryFlushLsn(): Promise<string | undefined> {
    try {
      const [row] = await this.primary.query(`SELECT pg_current_wal_flush_lsn()::text AS lsn`);
      return row.lsn;
    } catch {
      return undefined; // with the primary unreachable no replica can be shown to be current
    }
  }

  private async probeReplica(replica: TrackedReplica, primaryLsn: string): Promise<ReplicaProbe | undefined> {
    try {
      if (!replica.dataSource.isInitialized) {
        replica.connecting ??= replica.dataSource.initialize().finally(() => (replica.connecting = undefined));
        await replica.connecting;
      }
      const [row] = await replica.dataSource.query(
        `SELECT pg_is_in_recovery() AS "inRecovery",
                COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS "caughtUp",
                (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS "sinceLastReplayMs"`,
        [primaryLsn],
      );
      return row;
    } catch {
      return undefined;
    }
  }
}

function withTimeout<T>(work: Promise<T | undefined>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PROBE_TIMEOUT_MS)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function nameOf(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 5432}`;
}
