import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

import { PageQueryDto } from './page-query.dto';

/** Filters of a list of things users own (bookings, holds); staff see everyone's and may filter by user. */
export class OwnedListQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only.' })
  @IsOptional()
  @IsUUID()
  event_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only.' })
  @IsOptional()
  @IsUUID()
  user_id?: string;
}
