import { ApiProperty } from '@nestjs/swagger';

import { answer, ErrorMessage } from '../../common/errors/api-error.decorator';
import { ActiveHoldExistsError, HoldNotActiveError } from '../../common/errors/domain-errors';
import { HOLD_STATUSES, HoldStatus } from '../../schema/hold.entity';

const EXAMPLE_HOLD_ID = '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f';
const EXAMPLE_BOOKING_ID = '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b';

/** Contract 5: one active hold per user and event; the answer names it. */
export class ActiveHoldExistsErrorBody {
  @ErrorMessage('Active hold exists')
  error: 'Active hold exists';

  @ApiProperty({ format: 'uuid', example: EXAMPLE_HOLD_ID, description: 'The user’s active hold on the event.' })
  hold_id: string;
}

/** Contract 5: a hold that is over says how it ended, and its booking when it was confirmed. */
export class HoldNotActiveErrorBody {
  @ErrorMessage('Hold is not active')
  error: 'Hold is not active';

  // An expired hold answers 410 instead.
  @ApiProperty({ enum: HOLD_STATUSES.filter((status) => status !== 'active' && status !== 'expired'), example: 'confirmed' })
  status: HoldStatus;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: EXAMPLE_BOOKING_ID, description: 'Set when confirmed.' })
  booking_id: string | null;
}

export const ACTIVE_HOLD_EXISTS = answer(new ActiveHoldExistsError(EXAMPLE_HOLD_ID), ActiveHoldExistsErrorBody);
export const HOLD_NOT_ACTIVE = answer(new HoldNotActiveError('confirmed', EXAMPLE_BOOKING_ID), HoldNotActiveErrorBody);
