import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { INSUFFICIENT_TICKETS } from '../bookings/dto/booking.errors';
import { BookingResponse } from '../bookings/dto/booking.response';
import { bookingBodyExamples } from '../bookings/dto/create-booking.dto';
import { Actor, CurrentActor } from '../common/auth/actor';
import { ApiError, ApiEventBusy, ApiValidationError } from '../common/errors/api-error.decorator';
import {
  EventNotFoundError,
  EventNotOpenError,
  HoldExpiredError,
  HoldNotFoundError,
  PermissionDeniedError,
  TooManyTicketsPerBookingError,
  UserNotFoundError,
} from '../common/errors/domain-errors';
import { CREATED_ANSWER_HEADERS, setAnswerHeaders } from '../common/http/answer-headers';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { BookingWriteRateLimit } from '../rate-limits/rate-limits';
import { CreateHoldDto } from './dto/create-hold.dto';
import { ACTIVE_HOLD_EXISTS, HOLD_NOT_ACTIVE } from './dto/hold.errors';
import { HoldReleaseResponse, HoldResponse, toHoldResponse } from './dto/hold.response';
import { ListHoldsQuery } from './dto/list-holds.query';
import { HoldsService } from './holds.service';

const holdId = new ParseIdPipe(() => new HoldNotFoundError());
const ApiHoldNotFound = () => ApiError('No such hold, or another user’s.', new HoldNotFoundError());
const ApiHoldGone = () =>
  ApiError('The hold’s `expires_at` has come (database time), swept or not; its seats are back.', new HoldExpiredError());
const ApiHoldNotActive = () => ApiError('The hold is confirmed, released or cancelled.', HOLD_NOT_ACTIVE);

@ApiTags('holds')
@Controller('holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post()
  @BookingWriteRateLimit()
  @ApiOperation({
    summary: 'Hold tickets of an event for the event’s hold_seconds',
    description: 'Seats are taken at once, under the same event lock and never-oversell rule as a booking.',
  })
  @ApiBody({ type: CreateHoldDto, examples: bookingBodyExamples('holds') })
  @ApiCreatedResponse({ type: HoldResponse, headers: CREATED_ANSWER_HEADERS('hold') })
  @ApiValidationError({ number_of_tickets: ['number_of_tickets must not be less than 1'] })
  @ApiError('More tickets than the event allows in one booking.', new TooManyTicketsPerBookingError(10))
  @ApiError('A non-staff caller holding for someone else.', new PermissionDeniedError())
  @ApiError('No such event (or user, when staff hold for one).', new EventNotFoundError(), new UserNotFoundError())
  @ApiError(
    'Not enough tickets, the event is not open, or the user already has an active hold on it.',
    INSUFFICIENT_TICKETS,
    new EventNotOpenError(),
    ACTIVE_HOLD_EXISTS,
  )
  @ApiEventBusy('nothing was held')
  @ApiIdempotencyKey('holds nothing.')
  async hold(
    @Body() body: CreateHoldDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HoldResponse> {
    const answer = await this.holds.hold(
      { userId: body.user_id, eventId: body.event_id, tickets: body.number_of_tickets, idempotencyKey },
      actor,
    );
    setAnswerHeaders(reply, answer, `/api/holds/${answer.body.hold_id}/`);
    return answer.body;
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s holds, newest first (staff: everyone’s, with filters)' })
  @ApiPage(HoldResponse, 'http://localhost:3000/api/holds/')
  list(@Query() query: ListHoldsQuery, @CurrentActor() actor: Actor, @RequestUrl() url: URL): Promise<Page<HoldResponse>> {
    return this.holds.list(query, actor.user, url);
  }

  @Get(':holdId')
  @ApiOperation({ summary: 'One of the caller’s holds (`booking_id` set once confirmed)' })
  @ApiOkResponse({ type: HoldResponse })
  @ApiHoldNotFound()
  async findOne(@Param('holdId', holdId) id: string, @CurrentActor() actor: Actor): Promise<HoldResponse> {
    return toHoldResponse(await this.holds.findVisible(id, actor.user));
  }

  @Post(':holdId/confirm')
  @BookingWriteRateLimit()
  @ApiOperation({ summary: 'Confirm a hold into a booking at the total it quoted' })
  @ApiCreatedResponse({ type: BookingResponse, headers: CREATED_ANSWER_HEADERS('booking') })
  @ApiHoldNotFound()
  @ApiHoldNotActive()
  @ApiHoldGone()
  @ApiEventBusy('nothing was booked')
  @ApiIdempotencyKey('books nothing.')
  async confirm(
    @Param('holdId', holdId) id: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingResponse> {
    const answer = await this.holds.confirm(id, actor, idempotencyKey);
    setAnswerHeaders(reply, answer, `/api/bookings/${answer.body.booking_id}/`);
    return answer.body;
  }

  @Delete(':holdId')
  @BookingWriteRateLimit()
  @ApiOperation({ summary: 'Release a hold; its seats come back at once (to the waiting list first)' })
  @ApiOkResponse({ type: HoldReleaseResponse })
  @ApiHoldNotFound()
  @ApiHoldNotActive()
  @ApiHoldGone()
  @ApiEventBusy('the hold is still active')
  async release(@Param('holdId', holdId) id: string, @CurrentActor() actor: Actor): Promise<HoldReleaseResponse> {
    const hold = await this.holds.release(id, actor);
    return { hold_id: hold.id, status: 'released' };
  }
}
