import { assertValidEnvironment, envSchema } from './env.schema';

describe('environment schema', () => {
  it('fills in defaults for a bare development environment', () => {
    const { value, error } = envSchema.validate({}, { allowUnknown: true });
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DB_POOL_SIZE: 20, TRUST_PROXY: 0, LOG_LEVEL: 'info' });
  });

  it('names every bad variable in one message', () => {
    expect(() => assertValidEnvironment({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud' })).toThrow(
      /"PORT" must be a number.*"DATABASE_URL" must be a valid uri.*"LOG_LEVEL" must be one of/,
    );
  });

  it('takes CORS_ORIGINS as comma-separated origins and nothing else', () => {
    expect(() => assertValidEnvironment({ CORS_ORIGINS: 'https://admin.example.com,http://localhost:5173' })).not.toThrow();
    for (const bad of ['admin.example.com', 'https://admin.example.com/path', 'https://a.example.com, https://b.example.com']) {
      expect(() => assertValidEnvironment({ CORS_ORIGINS: bad })).toThrow(/"CORS_ORIGINS"/);
    }
  });

  it('takes TRUST_PROXY as a hop count or proxy addresses, and refuses "true" (trust every hop) naming the accepted forms', () => {
    const trustProxy = (value: string) => envSchema.validate({ TRUST_PROXY: value }, { allowUnknown: true }).value?.TRUST_PROXY;
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('false')).toBe(0);
    expect(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    for (const bad of ['true', 'loopback', '10.0.0.0/33', '-1', '1.5']) {
      expect(() => assertValidEnvironment({ TRUST_PROXY: bad })).toThrow(
        /"TRUST_PROXY" must be a hop count .* or comma-separated proxy addresses/,
      );
    }
  });

  it('requires a session secret in production', () => {
    expect(() => assertValidEnvironment({ NODE_ENV: 'production' })).toThrow(/"SESSION_SECRET" is required/);
    expect(() => assertValidEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('takes DATABASE_REPLICA_URLS as comma-separated postgres URLs, and nothing else', () => {
    expect(() =>
      assertValidEnvironment({ DATABASE_REPLICA_URLS: 'postgres://u:p@replica-1/evently,postgresql://replica-2:5433/evently' }),
    ).not.toThrow();
    for (const bad of ['replica-1', 'mysql://replica/evently', 'postgres://replica/evently,redis://cache']) {
      expect(() => assertValidEnvironment({ DATABASE_REPLICA_URLS: bad })).toThrow(
        /"DATABASE_REPLICA_URLS" must be comma-separated postgres:\/\/ URLs/,
      );
    }
  });

  it('defaults to migrating at start-up, on the primary, with every replica within a second', () => {
    const { value } = envSchema.validate({}, { allowUnknown: true });
    expect(value).toMatchObject({ RUN_MIGRATIONS: true, DATABASE_REPLICA_URLS: '', REPLICA_MAX_LAG_MS: 1_000 });
    expect(() => assertValidEnvironment({ INSTANCE_NAME: 'app 1' })).toThrow(/"INSTANCE_NAME"/);
  });
});
