import Redis from 'ioredis';

export interface FailureCount {
  failures: number;
  /** Until the window that holds these failures ends. */
  resetsInMs: number;
}

/** Failures per key in a fixed window that starts at the first failure. */
export interface FailureCounter {
  count(key: string): Promise<FailureCount>;
  add(key: string, windowMs: number): Promise<void>;
}

/** Several instances share the count through Redis (INCR on a key that expires with its window). */
export class RedisFailureCounter implements FailureCounter {
  constructor(private readonly redis: Redis) {}

  async count(key: string): Promise<FailureCount> {
    const [failures, ttl] = await Promise.all([this.redis.get(this.redisKey(key)), this.redis.pttl(this.redisKey(key))]);
    return { failures: Number(failures ?? 0), resetsInMs: Math.max(ttl, 0) };
  }

  async add(key: string, windowMs: number): Promise<void> {
    await this.redis.multi().set(this.redisKey(key), 0, 'PX', windowMs, 'NX').incr(this.redisKey(key)).exec();
  }

  private redisKey(key: string): string {
    return `evently:failed-logins:${key}`;
  }
}

const SWEEP_ABOVE = 10_000;

/** One process's count; expired windows are dropped when the map grows, so guessing names cannot fill memory. */
export class MemoryFailureCounter implements FailureCounter {
  private readonly windows = new Map<string, { failures: number; resetsAt: number }>();

  async count(key: string): Promise<FailureCount> {
    const window = this.windows.get(key);
    const now = Date.now();
    if (!window || window.resetsAt <= now) return { failures: 0, resetsInMs: 0 };
    return { failures: window.failures, resetsInMs: window.resetsAt - now };
  }

  async add(key: string, windowMs: number): Promise<void> {
    const now = Date.now();
    if (this.windows.size > SWEEP_ABOVE) this.dropExpired(now);
    const window = this.windows.get(key);
    if (window && window.resetsAt > now) window.failures += 1;
    else this.windows.set(key, { failures: 1, resetsAt: now + windowMs });
  }

  private dropExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
  }
}
