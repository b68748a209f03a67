import { Injectable, Logger } from '@nestjs/common';

import { HourlySweeper } from '../../database/hourly-sweeper';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

/**
 * Expired keys are already ignored by the booking path; this deletes them through the created_at
 * index, so the table stays about one day of keys.
 */
@Injectable()
export class IdempotencyKeySweeper extends HourlySweeper {
  constructor(private readonly keys: IdempotencyKeysRepository) {
    super(new Logger('IdempotencyKeys'));
  }

  protected deleteExpired(batch: number): Promise<number> {
    return this.keys.deleteExpired(batch);
  }
}
