import pg, { PoolClient, PoolConfig } from 'pg';

import { ServiceUnavailableError } from '../common/errors/domain-errors';

export interface BoundedPoolConfig extends PoolConfig {
  /** Most requests that may wait for a connection; the next one is refused at once. */
  queueLimit?: number;
}

type ConnectCallback = (error: Error | undefined, client?: PoolClient, release?: () => void) => void;

/**
 * pg's Pool queues callers without bound once every connection is busy, so an overload piles up
 * requests that each wait connectionTimeoutMillis. This pool refuses a caller at once (503, safe
 * to retry) when `queueLimit` callers already wait.
 */
class BoundedPool extends pg.Pool {
  private readonly queueLimit: number;
  private readonly maxConnections: number;

  constructor(config: BoundedPoolConfig = {}) {
    super(config);
    this.queueLimit = config.queueLimit ?? Infinity;
    this.maxConnections = config.max ?? 10;
  }

  // pg calls connect() with a callback from Pool.query() and without one from everyone else.
  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const mustWait = this.idleCount === 0 && this.totalCount >= this.maxConnections;
    if (mustWait && this.waitingCount >= this.queueLimit) {
      const refused = new ServiceUnavailableError();
      if (!callback) return Promise.reject(refused);
      process.nextTick(() => callback(refused));
      return;
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

/** The pg module as TypeORM loads it, with the bounded pool in place of pg's own. */
export const pgWithBoundedPool = { ...pg, Pool: BoundedPool };
