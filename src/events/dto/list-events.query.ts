import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page-query.dto';

export class ListEventsQuery extends PageQueryDto {
  // A boolean to clients; the query string carries it as `true` or `false`, which is what is checked.
  @ApiPropertyOptional({ type: Boolean, description: 'Only scheduled events that have not started.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  upcoming?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'jazz', description: 'Case-insensitive match on name or venue.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
