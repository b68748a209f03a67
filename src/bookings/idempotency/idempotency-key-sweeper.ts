import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { IdempotencyKeysRepository } from './idempotency-keys.repository';

const SWEEP_EVERY_MS = 60 * 60 * 1000;
const BATCH = 1_000;

/**
 * Expired keys are already ignored by the booking path; this deletes them hourly in small
 * batches through the created_at index, so the table stays about one day of keys. Every
 * instance sweeps; deleting the same rows twice is harmless.
 */
@Injectable()
export class IdempotencyKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdempotencyKeys');
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: IdempotencyKeysRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`)),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes every expired key; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.keys.deleteExpired(BATCH);
    return total;
  }
}
