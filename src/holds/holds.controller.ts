import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { BookingResponse } from '../bookings/dto/booking.response';
import { Actor, CurrentActor } from '../common/auth/actor';
import { ApiAuthErrors, ApiError, ApiEventBusy, ApiValidationError } from '../common/errors/api-error.decorator';
import { HoldNotFoundError } from '../common/errors/domain-errors';
import { setAnswerHeaders } from '../common/http/answer-headers';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { BookingWriteRateLimit } from '../rate-limits/rate-limits';
import { CreateHoldDto } from './dto/create-hold.dto';
import { HoldReleaseResponse, HoldResponse, toHoldResponse } from './dto/hold.response';
import { ListHoldsQuery } from './dto/list-holds.query';
import { HoldsService } from './holds.service';

const holdId = new ParseIdPipe(() => new HoldNotFoundError());
const HOLD_NOT_FOUND = { error: 'Hold not found' };
const LOCATION = (what: string) => ({ Location: { description: `URL of the new ${what}`, schema: { type: 'string' } } });
const IDEMPOTENCY_HEADER = (what: string) =>
  ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: `1-255 printable characters. A retry with the same key within 24 hours gets the first answer again (header \`Idempotent-Replayed: true\`) and ${what} nothing.`,
  });
const ApiHoldGone = () =>
  ApiError(410, 'The hold’s `expires_at` has come (database time), swept or not; its seats are back.', { error: 'Hold has expired' });
const ApiHoldNotActive = () =>
  ApiError(409, 'The hold is confirmed, released or cancelled.', {
    error: 'Hold is not active',
    status: 'confirmed',
    booking_id: '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
  });

@ApiTags('holds')
@ApiAuthErrors()
@Controller('holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post()
  @BookingWriteRateLimit()
  @ApiOperation({
    summary: 'Hold tickets of an event for the event’s hold_seconds',
    description: 'Seats are taken at once, under the same event lock and never-oversell rule as a booking.',
  })
  @ApiCreatedResponse({ type: HoldResponse, headers: LOCATION('hold') })
  @ApiValidationError()
  @ApiError(403, 'A non-staff caller holding for someone else.', { error: 'You do not have permission to perform this action.' })
  @ApiError(404, 'No such event (or user, when staff hold for one).', { error: 'Event not found' })
  @ApiError(409, 'Not enough tickets, the event is not open, the user already has an active hold on it, or the key is in use.', {
    error: 'Active hold exists',
    hold_id: '2f6b1d3c-5e7a-4b9c-8d0e-1a2b3c4d5e6f',
  })
  @ApiError(422, 'The `Idempotency-Key` was used before with a different request.', {
    error: 'Idempotency key reused with a different request',
  })
  @ApiEventBusy('nothing was held')
  @IDEMPOTENCY_HEADER('holds')
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
  @ApiError(404, 'No such hold, or another user’s.', HOLD_NOT_FOUND)
  async findOne(@Param('holdId', holdId) id: string, @CurrentActor() actor: Actor): Promise<HoldResponse> {
    return toHoldResponse(await this.holds.findVisible(id, actor.user));
  }

  @Post(':holdId/confirm')
  @BookingWriteRateLimit()
  @ApiOperation({ summary: 'Confirm a hold into a booking at the total it quoted' })
  @ApiCreatedResponse({ type: BookingResponse, headers: LOCATION('booking') })
  @ApiError(404, 'No such hold, or another user’s.', HOLD_NOT_FOUND)
  @ApiHoldNotActive()
  @ApiHoldGone()
  @ApiError(422, 'The `Idempotency-Key` was used before with a different request.', {
    error: 'Idempotency key reused with a different request',
  })
  @ApiEventBusy('nothing was booked')
  @IDEMPOTENCY_HEADER('books')
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
  @ApiError(404, 'No such hold, or another user’s.', HOLD_NOT_FOUND)
  @ApiHoldNotActive()
  @ApiHoldGone()
  @ApiEventBusy('the hold is still active')
  async release(@Param('holdId', holdId) id: string, @CurrentActor() actor: Actor): Promise<HoldReleaseResponse> {
    const hold = await this.holds.release(id, actor);
    return { hold_id: hold.id, status: 'released' };
  }
}
