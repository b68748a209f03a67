import { Param } from '@nestjs/common';

import { ApiError } from '../common/errors/api-error.decorator';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { ParseIdPipe } from '../common/http/parse-id.pipe';

const eventIdPipe = new ParseIdPipe(() => new EventNotFoundError());

/** The `:eventId` path parameter; a malformed id is 404 "Event not found". */
export const EventIdParam = () => Param('eventId', eventIdPipe);

export const ApiEventNotFound = () => ApiError('No such event.', new EventNotFoundError());
