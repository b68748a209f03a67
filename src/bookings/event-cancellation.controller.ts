import { Controller, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, CurrentActor } from '../common/auth/actor';
import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiEventBusy } from '../common/errors/api-error.decorator';
import { EventResponse } from '../events/dto/event.response';
import { ApiEventNotFound, EventIdParam } from '../events/event-id.param';
import { EventCancellation, EventCancellationService } from './event-cancellation.service';
import { RecordEventCancellation } from './outcomes/event-cancellation.interceptor';

@ApiTags('events')
@Controller('events/:eventId/cancel')
export class EventCancellationController {
  constructor(private readonly cancellation: EventCancellationService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @StaffOnly()
  @UseInterceptors(RecordEventCancellation)
  @ApiOperation({ summary: 'Cancel an event and all its confirmed bookings in one transaction (staff, idempotent)' })
  @ApiOkResponse({ type: EventResponse })
  @ApiEventNotFound()
  @ApiEventBusy('nothing was cancelled')
  // The interceptor records the cancellation and turns it into the EventResponse.
  cancel(@EventIdParam() id: string, @CurrentActor() actor: Actor): Promise<EventCancellation> {
    return this.cancellation.cancelEvent(id, actor);
  }
}
