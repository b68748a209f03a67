import { ApiProperty } from '@nestjs/swagger';

import { answer, ErrorMessage } from '../../common/errors/api-error.decorator';
import { CapacityBelowSoldError } from '../../common/errors/domain-errors';

/** Contract: Events, PATCH. A capacity below the seats booked plus held says how many those are. */
export class CapacityBelowSoldErrorBody {
  @ErrorMessage('Capacity cannot be below the tickets already sold')
  error: 'Capacity cannot be below the tickets already sold';

  @ApiProperty({ type: 'integer', minimum: 0, example: 40 })
  tickets_sold: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5 })
  tickets_held: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 30 })
  requested_capacity: number;
}

export const CAPACITY_BELOW_SOLD = answer(new CapacityBelowSoldError(40, 5, 30), CapacityBelowSoldErrorBody);
