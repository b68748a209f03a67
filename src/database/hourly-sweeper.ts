import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

const SWEEP_EVERY_MS = 60 * 60 * 1000;
const BATCH = 1_000;

/**
 * Deletes rows past their lifetime every hour, in batches of 1,000, so no statement holds many
 * row locks or runs long beside the requests. Every instance sweeps; deleting the same rows
 * twice is harmless.
 */
export abstract class HourlySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  protected constructor(private readonly logger: Logger) {}

  /** Deletes up to `batch` expired rows; returns how many it deleted. */
  protected abstract deleteExpired(batch: number): Promise<number>;

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

  /** Deletes every expired row; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.deleteExpired(BATCH);
    return total;
  }
}
