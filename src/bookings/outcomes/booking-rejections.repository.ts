import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BookingRejectionEntity } from './booking-rejection.entity';

export type NewRejection = Omit<BookingRejectionEntity, 'id' | 'at'>;

@Injectable()
export class BookingRejectionsRepository {
  constructor(@InjectRepository(BookingRejectionEntity) private readonly rejections: Repository<BookingRejectionEntity>) {}

  /** Outside any transaction on purpose: the refused request's transaction has already rolled back. */
  async insert(rejection: NewRejection): Promise<void> {
    await this.rejections.insert(rejection);
  }
}
