import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, CurrentActor } from '../common/auth/actor';
import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiError, ApiEventBusy, ApiValidationError } from '../common/errors/api-error.decorator';
import {
  EventNotFoundError,
  EventNotOpenError,
  PermissionDeniedError,
  TooManyTicketsPerBookingError,
  UserNotFoundError,
  WaitlistEntryNotFoundError,
} from '../common/errors/domain-errors';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page } from '../common/pagination/pagination';
import { ApiEventNotFound, EventIdParam } from '../events/event-id.param';
import { BookingWriteRateLimit } from '../rate-limits/rate-limits';
import { JOIN_WAITLIST_EXAMPLES, JoinWaitlistDto } from './dto/join-waitlist.dto';
import { ALREADY_ON_WAITLIST, NOT_ON_WAITLIST, TICKETS_AVAILABLE } from './dto/waitlist.errors';
import { LeaveWaitlistResponse, toWaitlistEntryResponse, WaitlistEntryResponse } from './dto/waitlist-entry.response';
import { WaitlistService } from './waitlist.service';

const entryId = new ParseIdPipe(() => new WaitlistEntryNotFoundError());
const ApiEntryNotFound = () => ApiError('No such entry, or another user’s.', new WaitlistEntryNotFoundError());

@ApiTags('waitlist')
@Controller('events/:eventId/waitlist')
export class EventWaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Post()
  @BookingWriteRateLimit()
  @ApiOperation({
    summary: 'Join the event’s waiting list when the request does not fit now',
    description: 'Seats that come back are offered down the line in join order, as holds (`source: "waitlist"`).',
  })
  @ApiBody({ type: JoinWaitlistDto, examples: JOIN_WAITLIST_EXAMPLES })
  @ApiCreatedResponse({ type: WaitlistEntryResponse })
  @ApiValidationError({ number_of_tickets: ['number_of_tickets must not be less than 1'] })
  @ApiError('More tickets than the event allows in one booking.', new TooManyTicketsPerBookingError(10))
  @ApiError('A non-staff caller joining for someone else.', new PermissionDeniedError())
  @ApiError('No such event (or user, when staff join for one).', new EventNotFoundError(), new UserNotFoundError())
  @ApiError(
    'The request fits now (book or hold instead), the user is already in line, or the event is not open.',
    TICKETS_AVAILABLE,
    ALREADY_ON_WAITLIST,
    new EventNotOpenError(),
  )
  @ApiEventBusy('nobody joined')
  async join(@EventIdParam() eventId: string, @Body() body: JoinWaitlistDto, @CurrentActor() actor: Actor): Promise<WaitlistEntryResponse> {
    return this.waitlist.join(eventId, body.number_of_tickets, body.user_id, actor);
  }

  @Get()
  @StaffOnly()
  @ApiOperation({ summary: 'The event’s waiting-list entries in line order (staff)' })
  @ApiPage(WaitlistEntryResponse, 'http://localhost:3000/api/events/6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c/waitlist/')
  @ApiEventNotFound()
  line(@EventIdParam() eventId: string, @Query() query: PageQueryDto, @RequestUrl() url: URL): Promise<Page<WaitlistEntryResponse>> {
    return this.waitlist.line(eventId, query, url);
  }
}

@ApiTags('waitlist')
@Controller('waitlist')
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Get(':entryId')
  @ApiOperation({ summary: 'One of the caller’s waiting-list entries: its position, and its hold once offered' })
  @ApiOkResponse({ type: WaitlistEntryResponse })
  @ApiEntryNotFound()
  async findOne(@Param('entryId', entryId) id: string, @CurrentActor() actor: Actor): Promise<WaitlistEntryResponse> {
    return toWaitlistEntryResponse(await this.waitlist.findVisible(id, actor.user));
  }

  @Delete(':entryId')
  @BookingWriteRateLimit()
  @ApiOperation({ summary: 'Leave the waiting list; an offered hold is released and its seats go on down the line' })
  @ApiOkResponse({ type: LeaveWaitlistResponse })
  @ApiEntryNotFound()
  @ApiError('The entry is no longer waiting or offered.', NOT_ON_WAITLIST)
  @ApiEventBusy('the entry is still in line')
  async leave(@Param('entryId', entryId) id: string, @CurrentActor() actor: Actor): Promise<LeaveWaitlistResponse> {
    await this.waitlist.leave(id, actor);
    return { entry_id: id, status: 'left' };
  }
}
