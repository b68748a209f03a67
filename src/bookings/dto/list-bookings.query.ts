import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { BookingStatus } from '../booking.entity';

/** Filters of `GET /api/bookings/`; honoured for staff, who see every booking. */
export class ListBookingsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Staff only.' })
  @IsOptional()
  @IsUUID()
  event_id?: string;

  @ApiPropertyOptional({ description: 'Staff only.' })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiPropertyOptional({ enum: ['confirmed', 'cancelled'] })
  @IsOptional()
  @IsIn(['confirmed', 'cancelled'])
  status?: BookingStatus;
}
