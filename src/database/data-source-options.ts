import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

import { pgWithBoundedPool } from './bounded-pool';
import { migrations } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** Requests that may wait for a connection before the next is refused with 503 (default: no bound). */
  poolQueueLimit?: number;
  /** A read-only streaming replica: no extension is installed there. */
  replica?: boolean;
}

/**
 * One definition of the database for the server, the migration CLI and the tests. The entities
 * are the caller's to add: this layer knows no table of the layers above it.
 */
export function dataSourceOptions(settings: DatabaseSettings): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: settings.url,
    migrations,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    installExtensions: !settings.replica,
    driver: pgWithBoundedPool,
    // Without a connect timeout, pg waits forever for an unreachable server; fail fast instead (503).
    extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 5_000, queueLimit: settings.poolQueueLimit },
  };
}
