import { ApiProperty } from '@nestjs/swagger';

import { answer, ErrorMessage } from '../../common/errors/api-error.decorator';
import { InsufficientTicketsError } from '../../common/errors/domain-errors';

/** Contract 1: a booking or hold larger than what is left says what is left. */
export class InsufficientTicketsErrorBody {
  @ErrorMessage('Insufficient tickets')
  error: 'Insufficient tickets';

  @ApiProperty({ type: 'integer', minimum: 0, example: 5, description: 'The tickets left.' })
  available_tickets: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 10, description: 'The tickets asked for.' })
  requested_tickets: number;
}

export const INSUFFICIENT_TICKETS = answer(new InsufficientTicketsError(5, 10), InsufficientTicketsErrorBody);
