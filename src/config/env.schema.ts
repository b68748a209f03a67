import Joi from 'joi';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every environment variable Evently reads, validated once at start-up. */
export interface Env {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  DATABASE_URL?: string;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
  LOCK_TIMEOUT_MS: number;
  SESSION_SECRET: string;
  TRUST_PROXY: boolean;
  AUTH_RATE_LIMIT_PER_MINUTE: number;
  LOG_LEVEL: LogLevel;
}

const DEVELOPMENT_SESSION_SECRET = 'evently-development-session-secret-change-me';

export const envSchema = Joi.object<Env>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
  DATA_DIR: Joi.string().default('.data'),
  DB_POOL_SIZE: Joi.number().integer().min(1).max(500).default(20),
  LOCK_TIMEOUT_MS: Joi.number().integer().min(1).max(60_000).default(5_000),
  // A known secret would let anyone forge session cookies, so production must set its own.
  SESSION_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required(),
      otherwise: Joi.optional().default(DEVELOPMENT_SESSION_SECRET),
    }),
  TRUST_PROXY: Joi.boolean().default(false),
  AUTH_RATE_LIMIT_PER_MINUTE: Joi.number().integer().min(1).default(300),
  LOG_LEVEL: Joi.string().valid(...LOG_LEVELS).default('info'),
});

/**
 * Checks the environment before anything starts, so a bad value stops start-up with one line
 * naming every offending variable (the config module then validates the same schema).
 */
export function assertValidEnvironment(environment: NodeJS.ProcessEnv): void {
  const { error } = envSchema.validate(environment, { abortEarly: false, allowUnknown: true });
  if (error) throw new Error(`invalid configuration: ${error.details.map((detail) => detail.message).join('; ')}`);
}
