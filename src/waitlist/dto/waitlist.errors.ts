import { ApiProperty } from '@nestjs/swagger';

import { answer, ErrorMessage } from '../../common/errors/api-error.decorator';
import { AlreadyOnWaitlistError, NotOnWaitlistError, TicketsAvailableError } from '../../common/errors/domain-errors';
import { WAITLIST_STATUSES, WaitlistStatus } from '../../schema/waitlist-entry.entity';

const EXAMPLE_ENTRY_ID = '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b';

/** Contract 6: the waiting list is for requests that do not fit now; this one does. */
export class TicketsAvailableErrorBody {
  @ErrorMessage('Tickets are available')
  error: 'Tickets are available';

  @ApiProperty({ type: 'integer', minimum: 1, example: 4, description: 'The tickets left: book or hold them instead.' })
  available_tickets: number;
}

/** Contract 6: one entry per user and event; the answer names it. */
export class AlreadyOnWaitlistErrorBody {
  @ErrorMessage('Already on the waiting list')
  error: 'Already on the waiting list';

  @ApiProperty({ format: 'uuid', example: EXAMPLE_ENTRY_ID, description: 'The user’s waiting or offered entry.' })
  entry_id: string;
}

/** Leaving an entry that is no longer in line says how it ended. */
export class NotOnWaitlistErrorBody {
  @ErrorMessage('Not on the waiting list')
  error: 'Not on the waiting list';

  @ApiProperty({ enum: WAITLIST_STATUSES.filter((status) => status !== 'waiting' && status !== 'offered'), example: 'converted' })
  status: WaitlistStatus;
}

export const TICKETS_AVAILABLE = answer(new TicketsAvailableError(4), TicketsAvailableErrorBody);
export const ALREADY_ON_WAITLIST = answer(new AlreadyOnWaitlistError(EXAMPLE_ENTRY_ID), AlreadyOnWaitlistErrorBody);
export const NOT_ON_WAITLIST = answer(new NotOnWaitlistError('converted'), NotOnWaitlistErrorBody);
