import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { HourlySweeper } from '../../database/hourly-sweeper';
import { BookingRejectionsRepository } from './booking-rejections.repository';

/** Refused booking requests are kept REJECTIONS_RETENTION_DAYS for analytics, then deleted (a sell-out refuses millions). */
@Injectable()
export class BookingRejectionSweeper extends HourlySweeper {
  constructor(
    private readonly rejections: BookingRejectionsRepository,
    private readonly config: AppConfig,
  ) {
    super(new Logger('BookingRejections'));
  }

  protected deleteExpired(batch: number): Promise<number> {
    return this.rejections.deleteOlderThan(this.config.rejectionsRetentionDays, batch);
  }
}
