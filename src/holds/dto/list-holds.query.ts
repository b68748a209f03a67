import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { OwnedListQuery } from '../../common/pagination/owned-list.query';
import { HOLD_STATUSES, HoldStatus } from '../../schema/hold.entity';

/** Filters of `GET /api/holds/`; honoured for staff, who see every hold. */
export class ListHoldsQuery extends OwnedListQuery {
  @ApiPropertyOptional({ enum: HOLD_STATUSES })
  @IsOptional()
  @IsIn(HOLD_STATUSES)
  status?: HoldStatus;
}
