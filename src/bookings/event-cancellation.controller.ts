import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, CurrentActor } from '../common/auth/actor';
import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiAuthErrors } from '../common/errors/api-error.decorator';
import { EventResponse, toEventResponse } from '../events/dto/event.response';
import { ApiEventNotFound, EventIdParam } from '../events/event-id.param';
import { EventCancellationService } from './event-cancellation.service';
import { BookingRecorder } from './outcomes/booking-recorder';

@ApiTags('events')
@Controller('events/:eventId/cancel')
export class EventCancellationController {
  constructor(
    private readonly cancellation: EventCancellationService,
    private readonly outcomes: BookingRecorder,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @StaffOnly()
  @ApiOperation({ summary: 'Cancel an event and all its confirmed bookings in one transaction (staff, idempotent)' })
  @ApiOkResponse({ type: EventResponse })
  @ApiAuthErrors()
  @ApiEventNotFound()
  async cancel(@EventIdParam() id: string, @CurrentActor() actor: Actor): Promise<EventResponse> {
    const { event, alreadyCancelled, cancelledBookingIds } = await this.cancellation.cancelEvent(id, actor);
    if (!alreadyCancelled) this.outcomes.eventCancelled(event.id, cancelledBookingIds.length, actor);
    return toEventResponse(event);
  }
}
