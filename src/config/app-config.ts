import { hostname } from 'node:os';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { Env, LogLevel, TrustProxy } from './env.schema';

/** Typed, validated configuration; the rest of the code never reads process.env. */
@Injectable()
export class AppConfig {
  readonly environment: Env['NODE_ENV'];
  readonly port: number;
  readonly databaseUrl: string | undefined;
  /** Streaming replicas for the named lag-tolerant reads (ReplicaReads); none: every read on the primary. */
  readonly replicaUrls: string[];
  /** A replica further behind the primary than this is skipped until it catches up. */
  readonly replicaMaxLagMs: number;
  /** Where migrations run: a direct connection when DATABASE_URL goes through a transaction pooler. */
  readonly migrationsDatabaseUrl: string | undefined;
  /** Apply pending migrations at start-up (false for instances behind PgBouncer: a one-shot job migrates). */
  readonly runMigrations: boolean;
  /** This process's name in the X-Served-By header. */
  readonly instanceName: string;
  readonly dataDir: string;
  readonly dbPoolSize: number;
  /** Requests that may wait for a pool connection; past it, 503 at once. */
  readonly dbPoolQueueLimit: number;
  readonly lockTimeoutMs: number;
  /** Seat changes of one event let into the database at once by this process (see EventWriteQueue). */
  readonly bookingConcurrencyPerEvent: number;
  /** Seat changes of one event that may wait for those; the next is refused with 503. */
  readonly bookingQueuePerEvent: number;
  /** Waiting bookings of one event that may share a transaction (see EventWriteQueue). */
  readonly bookingBatchPerEvent: number;
  readonly statementTimeoutMs: number;
  /** An event's hold length when it sets none (contract 5). */
  readonly holdSeconds: number;
  /** How often this instance returns the seats of overdue holds. */
  readonly holdSweepMs: number;
  readonly sessionSecret: string;
  /** Proxy hops (or proxy addresses) whose `X-Forwarded-*` headers are believed; 0: none. */
  readonly trustProxy: TrustProxy;
  /** register/login/token calls per client IP per minute (contract: Limits). */
  readonly authRateLimitPerMinute: number;
  /** How long a checked API key is trusted without asking the database again. */
  readonly tokenCacheTtlMs: number;
  readonly availabilityCacheTtlMs: number;
  /** Failed logins (token or session) per username and client IP per window (contract: Limits). */
  readonly failedLoginLimit: number;
  readonly failedLoginWindowMs: number;
  /** Booking writes (POST and DELETE) per user per minute. */
  readonly bookingRateLimitPerMinute: number;
  /** Shared rate-limit storage for several instances; memory of this process when unset. */
  readonly redisUrl: string | undefined;
  /** Days a refused booking request is kept (analytics' bookings_rejected) before it is deleted. */
  readonly rejectionsRetentionDays: number;
  /** Lets a Prometheus scraper read /metrics without a staff account; unset: staff only. */
  readonly metricsToken: string | undefined;
  /** How long /metrics reuses what its database gauges read. */
  readonly metricsCacheTtlMs: number;
  /** Where the last successful backup is recorded, for its age in /metrics; unset: the embedded cluster's, if any. */
  readonly backupStatusFile: string | undefined;
  /** Origins allowed to call the API from a browser with credentials (the admin frontends). */
  readonly corsOrigins: string[];
  readonly logLevel: LogLevel;

  constructor(config: ConfigService<Env, true>) {
    this.environment = config.get('NODE_ENV', { infer: true });
    this.port = config.get('PORT', { infer: true });
    this.databaseUrl = config.get('DATABASE_URL', { infer: true });
    this.replicaUrls = config.get('DATABASE_REPLICA_URLS', { infer: true }).split(',').filter(Boolean);
    this.replicaMaxLagMs = config.get('REPLICA_MAX_LAG_MS', { infer: true });
    this.migrationsDatabaseUrl = config.get('MIGRATIONS_DATABASE_URL', { infer: true });
    this.runMigrations = config.get('RUN_MIGRATIONS', { infer: true });
    this.instanceName = config.get('INSTANCE_NAME', { infer: true }) ?? `${hostname()}:${this.port}`;
    this.dataDir = config.get('DATA_DIR', { infer: true });
    this.dbPoolSize = config.get('DB_POOL_SIZE', { infer: true });
    this.dbPoolQueueLimit = config.get('DB_POOL_QUEUE_LIMIT', { infer: true });
    this.lockTimeoutMs = config.get('LOCK_TIMEOUT_MS', { infer: true });
    this.bookingConcurrencyPerEvent = config.get('BOOKING_CONCURRENCY_PER_EVENT', { infer: true });
    this.bookingQueuePerEvent = config.get('BOOKING_QUEUE_PER_EVENT', { infer: true });
    this.bookingBatchPerEvent = config.get('BOOKING_BATCH_PER_EVENT', { infer: true });
    this.statementTimeoutMs = config.get('STATEMENT_TIMEOUT_MS', { infer: true });
    this.holdSeconds = config.get('HOLD_SECONDS', { infer: true });
    this.holdSweepMs = config.get('HOLD_SWEEP_SECONDS', { infer: true }) * 1000;
    this.sessionSecret = config.get('SESSION_SECRET', { infer: true });
    this.trustProxy = config.get('TRUST_PROXY', { infer: true });
    this.authRateLimitPerMinute = config.get('AUTH_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.tokenCacheTtlMs = config.get('TOKEN_CACHE_TTL_MS', { infer: true });
    this.availabilityCacheTtlMs = config.get('AVAILABILITY_CACHE_TTL_MS', { infer: true });
    this.failedLoginLimit = config.get('FAILED_LOGIN_LIMIT', { infer: true });
    this.failedLoginWindowMs = config.get('FAILED_LOGIN_WINDOW_MINUTES', { infer: true }) * 60_000;
    this.bookingRateLimitPerMinute = config.get('BOOKING_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.redisUrl = config.get('REDIS_URL', { infer: true });
    this.rejectionsRetentionDays = config.get('REJECTIONS_RETENTION_DAYS', { infer: true });
    this.metricsToken = config.get('METRICS_TOKEN', { infer: true }) || undefined;
    this.metricsCacheTtlMs = config.get('METRICS_CACHE_TTL_MS', { infer: true });
    this.backupStatusFile = config.get('BACKUP_STATUS_FILE', { infer: true });
    this.corsOrigins = config.get('CORS_ORIGINS', { infer: true }).split(',').filter(Boolean);
    this.logLevel = config.get('LOG_LEVEL', { infer: true });
  }
}
