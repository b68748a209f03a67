import Joi, { CustomHelpers, ErrorReport } from 'joi';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Proxies in front of the app: how many hops to trust, or their addresses (both forms Fastify takes). */
export type TrustProxy = number | string[];

/** Every environment variable Evently reads, validated once at start-up. */
export interface Env {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  DATABASE_URL?: string;
  DATABASE_REPLICA_URLS: string;
  REPLICA_MAX_LAG_MS: number;
  MIGRATIONS_DATABASE_URL?: string;
  RUN_MIGRATIONS: boolean;
  INSTANCE_NAME?: string;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
  DB_POOL_QUEUE_LIMIT: number;
  LOCK_TIMEOUT_MS: number;
  BOOKING_CONCURRENCY_PER_EVENT: number;
  BOOKING_QUEUE_PER_EVENT: number;
  BOOKING_BATCH_PER_EVENT: number;
  STATEMENT_TIMEOUT_MS: number;
  HOLD_SECONDS: number;
  HOLD_SWEEP_SECONDS: number;
  SESSION_SECRET: string;
  TRUST_PROXY: TrustProxy;
  REQUEST_TIMEOUT_MS: number;
  TLS_CERT_FILE?: string;
  TLS_KEY_FILE?: string;
  AUTH_RATE_LIMIT_PER_MINUTE: number;
  TOKEN_CACHE_TTL_MS: number;
  AVAILABILITY_CACHE_TTL_MS: number;
  FAILED_LOGIN_LIMIT: number;
  FAILED_LOGIN_WINDOW_MINUTES: number;
  BOOKING_RATE_LIMIT_PER_MINUTE: number;
  REDIS_URL?: string;
  REJECTIONS_RETENTION_DAYS: number;
  METRICS_TOKEN?: string;
  METRICS_CACHE_TTL_MS: number;
  BACKUP_STATUS_FILE?: string;
  CORS_ORIGINS: string;
  LOG_LEVEL: LogLevel;
}

const POSTGRES_URL = Joi.string().uri({ scheme: ['postgres', 'postgresql'] });
const DEVELOPMENT_SESSION_SECRET = 'evently-development-session-secret-change-me';

export const envSchema = Joi.object<Env>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  DATABASE_URL: POSTGRES_URL,
  // Streaming replicas for the reads that tolerate a little lag (see ReplicaReads), comma-separated.
  DATABASE_REPLICA_URLS: Joi.string()
    .allow('')
    .default('')
    .custom((value: string) => {
      for (const url of value.split(',').filter(Boolean)) Joi.assert(url, POSTGRES_URL.required());
      return value;
    }, 'comma-separated postgres URLs')
    .messages({ 'any.custom': '{{#label}} must be comma-separated postgres:// URLs' }),
  REPLICA_MAX_LAG_MS: Joi.number().integer().min(0).max(3_600_000).default(1_000),
  // A direct connection for migrations when DATABASE_URL goes through PgBouncer in transaction mode.
  MIGRATIONS_DATABASE_URL: POSTGRES_URL,
  RUN_MIGRATIONS: Joi.boolean().default(true),
  // Sent as X-Served-By; defaults to host:port.
  INSTANCE_NAME: Joi.string().pattern(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - (at most 64)'),
  DATA_DIR: Joi.string().default('.data'),
  DB_POOL_SIZE: Joi.number().integer().min(1).max(500).default(20),
  DB_POOL_QUEUE_LIMIT: Joi.number().integer().min(0).max(100_000).default(200),
  LOCK_TIMEOUT_MS: Joi.number().integer().min(1).max(60_000).default(5_000),
  BOOKING_CONCURRENCY_PER_EVENT: Joi.number().integer().min(1).max(500).default(2),
  BOOKING_QUEUE_PER_EVENT: Joi.number().integer().min(0).max(1_000_000).default(2_000),
  BOOKING_BATCH_PER_EVENT: Joi.number().integer().min(1).max(1_000).default(64),
  STATEMENT_TIMEOUT_MS: Joi.number().integer().min(1).max(600_000).default(10_000),
  // Contract 5: an event's hold length when it sets none (the event field's own range), and how
  // long an overdue hold's seats may stay counted as taken before the sweeper returns them.
  HOLD_SECONDS: Joi.number().integer().min(60).max(86_400).default(600),
  HOLD_SWEEP_SECONDS: Joi.number().integer().min(1).max(3_600).default(5),
  // A known secret would let anyone forge session cookies, so production must set its own.
  SESSION_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required(),
      otherwise: Joi.optional().default(DEVELOPMENT_SESSION_SECRET),
    }),
  TRUST_PROXY: Joi.string().trim().custom(trustProxySetting).default(0),
  // How long a client may take to send a whole request, headers and body (then 408).
  REQUEST_TIMEOUT_MS: Joi.number().integer().min(100).max(600_000).default(60_000),
  // HTTPS served by Evently itself (one instance, no proxy in front): PEM files, read at start-up.
  TLS_CERT_FILE: Joi.string(),
  TLS_KEY_FILE: Joi.string(),
  AUTH_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(300),
  // How stale a token check may be on another instance after a revocation (0: ask the database every time).
  TOKEN_CACHE_TTL_MS: Joi.number().integer().min(0).max(60_000).default(1_000),
  // Contract "Limits and caching": 0 keeps availability exact; above 0, how old an answer may be.
  AVAILABILITY_CACHE_TTL_MS: Joi.number().integer().min(0).max(60_000).default(0),
  FAILED_LOGIN_LIMIT: Joi.number().integer().min(1).default(10),
  FAILED_LOGIN_WINDOW_MINUTES: Joi.number().integer().min(1).default(15),
  BOOKING_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(600),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }),
  REJECTIONS_RETENTION_DAYS: Joi.number().integer().min(1).max(3_650).default(90),
  // What a Prometheus scraper sends as `Authorization: Bearer <token>`; long enough not to be guessed.
  METRICS_TOKEN: Joi.string().min(32).allow(''),
  // How old the gauges that cost a database query may be when /metrics answers.
  METRICS_CACHE_TTL_MS: Joi.number().integer().min(0).max(60_000).default(5_000),
  // The last-backup marker the backup job writes (deploy/pgbackrest/backup.sh); the embedded
  // cluster's own (`npm run backup`) when unset and DATABASE_URL is too.
  BACKUP_STATUS_FILE: Joi.string(),
  // Comma-separated origins of the admin frontends, e.g. `https://admin.example.com,http://localhost:5173`.
  CORS_ORIGINS: Joi.string()
    .pattern(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, 'comma-separated origins (scheme://host[:port])')
    .allow('')
    .default(''),
  LOG_LEVEL: Joi.string()
    .valid(...LOG_LEVELS)
    .default('info'),
}).and('TLS_CERT_FILE', 'TLS_KEY_FILE');

const PROXY_ADDRESS = Joi.string().ip({ cidr: 'optional' });
const TRUST_PROXY_FORMS =
  'a hop count (1 behind one load balancer, 0 or false for none) or comma-separated proxy addresses/CIDRs (10.0.0.0/8,fd00::/8)';

/**
 * The client address is the right-most `X-Forwarded-For` entry that a trusted proxy wrote. "Trust
 * every hop" (`true`) would make it the left-most, which the client writes itself, so it is refused.
 */
function trustProxySetting(value: string, helpers: CustomHelpers): TrustProxy | ErrorReport {
  if (value === 'false') return 0;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const addresses = value.split(',').map((address) => address.trim());
  if (addresses.every((address) => !PROXY_ADDRESS.validate(address).error)) return addresses;
  return helpers.message({ custom: `"TRUST_PROXY" must be ${TRUST_PROXY_FORMS}, not "${value}"` });
}

/**
 * Checks the environment before anything starts, so a bad value stops start-up with one line
 * naming every offending variable (the config module then validates the same schema).
 */
export function assertValidEnvironment(environment: NodeJS.ProcessEnv): void {
  const { error } = envSchema.validate(environment, { abortEarly: false, allowUnknown: true });
  if (error) throw new Error(`invalid configuration: ${error.details.map((detail) => detail.message).join('; ')}`);
}

/** The environment as validated, for what needs it before the app (and AppConfig) exists: the HTTP adapter. */
export function validatedEnvironment(environment: NodeJS.ProcessEnv): Env {
  return envSchema.validate(environment, { allowUnknown: true }).value as Env;
}

/** What the HTTP adapter reads of the environment, as validated. */
export function httpAdapterSettingsFrom(environment: NodeJS.ProcessEnv): Pick<Env, 'TRUST_PROXY' | 'REQUEST_TIMEOUT_MS'> {
  return validatedEnvironment(environment);
}
