import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { OwnedListQuery } from '../../common/pagination/owned-list.query';
import { BookingStatus } from '../../schema/booking.entity';

/** Filters of `GET /api/bookings/`; honoured for staff, who see every booking. */
export class ListBookingsQuery extends OwnedListQuery {
  @ApiPropertyOptional({ enum: ['confirmed', 'cancelled'] })
  @IsOptional()
  @IsIn(['confirmed', 'cancelled'])
  status?: BookingStatus;
}
