import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env, LogLevel } from './env.schema';

/** Typed, validated configuration; the rest of the code never reads process.env. */
@Injectable()
export class AppConfig {
  readonly environment: Env['NODE_ENV'];
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolSize: number;
  readonly lockTimeoutMs: number;
  readonly sessionSecret: string;
  readonly trustProxy: boolean;
  /** register/login/token calls per client IP per minute (contract: Limits). */
  readonly authRateLimitPerMinute: number;
  readonly logLevel: LogLevel;

  constructor(config: ConfigService<Env, true>) {
    this.environment = config.get('NODE_ENV', { infer: true });
    this.port = config.get('PORT', { infer: true });
    this.databaseUrl = config.get('DATABASE_URL', { infer: true });
    this.dataDir = config.get('DATA_DIR', { infer: true });
    this.dbPoolSize = config.get('DB_POOL_SIZE', { infer: true });
    this.lockTimeoutMs = config.get('LOCK_TIMEOUT_MS', { infer: true });
    this.sessionSecret = config.get('SESSION_SECRET', { infer: true });
    this.trustProxy = config.get('TRUST_PROXY', { infer: true });
    this.authRateLimitPerMinute = config.get('AUTH_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.logLevel = config.get('LOG_LEVEL', { infer: true });
  }
}
