import { Body, Controller, Delete, Get, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { Actor, CurrentActor } from '../common/auth/actor';
import { ApiAuthErrors, ApiError, ApiValidationError, BookingConflictBody } from '../common/errors/api-error.decorator';
import { BookingNotFoundError } from '../common/errors/domain-errors';
import { setAnswerHeaders } from '../common/http/answer-headers';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../common/http/idempotency-key.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { BookingWriteRateLimit } from '../rate-limits/rate-limits';
import { BookingResult, BookingsService } from './bookings.service';
import { BookingResponse, CancellationResponse, toBookingResponse } from './dto/booking.response';
import { CreateBookingDto } from './dto/create-booking.dto';
import { ListBookingsQuery } from './dto/list-bookings.query';
import { RecordBookingOutcome, RecordCancellation } from './outcomes/booking-outcome.interceptors';

const bookingId = new ParseIdPipe(() => new BookingNotFoundError());
const BOOKING_NOT_FOUND = { error: 'Booking not found' };

@ApiTags('bookings')
@ApiAuthErrors()
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @BookingWriteRateLimit()
  @UseInterceptors(RecordBookingOutcome)
  @ApiOperation({
    summary: 'Book tickets of an event',
    description: 'Capacity check, seat decrement and booking in one transaction under the event’s row lock.',
  })
  @ApiCreatedResponse({
    type: BookingResponse,
    headers: { Location: { description: 'URL of the new booking', schema: { type: 'string' } } },
  })
  @ApiValidationError()
  @ApiError(403, 'A non-staff caller booking for someone else.', { error: 'You do not have permission to perform this action.' })
  @ApiError(404, 'No such event (or user, when staff book for one).', { error: 'Event not found' })
  @ApiError(
    409,
    'Not enough tickets left, or the event is cancelled or has started.',
    {
      error: 'Insufficient tickets',
      available_tickets: 5,
      requested_tickets: 10,
    },
    BookingConflictBody,
  )
  @ApiError(
    409,
    'A retry with the same `Idempotency-Key` while the first request still runs (after waiting for it up to the lock timeout).',
    {
      error: 'Request with this idempotency key is in progress',
    },
    BookingConflictBody,
  )
  @ApiError(422, 'The `Idempotency-Key` was used before with a different request.', {
    error: 'Idempotency key reused with a different request',
  })
  @ApiError(503, 'The event is too busy right now (lock wait exceeded); nothing was booked, retry.', {
    error: 'Service temporarily unavailable, please retry',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      '1-255 printable characters. A retry with the same key within 24 hours gets the first answer again ' +
      '(header `Idempotent-Replayed: true`) and books nothing. Only successful bookings are remembered: a rejected request changed nothing, so its retry is processed anew.',
  })
  /** Answers the result's body: RecordBookingOutcome records the result, then unwraps it. */
  async book(
    @Body() body: CreateBookingDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingResult> {
    const result = await this.bookings.bookTickets(
      { userId: body.user_id, eventId: body.event_id, tickets: body.number_of_tickets, idempotencyKey },
      actor,
    );
    setAnswerHeaders(reply, result, `/api/bookings/${result.body.booking_id}/`);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s bookings, newest first (staff: everyone’s, with filters)' })
  @ApiPage(BookingResponse, 'http://localhost:3000/api/bookings/')
  list(@Query() query: ListBookingsQuery, @CurrentActor() actor: Actor, @RequestUrl() url: URL): Promise<Page<BookingResponse>> {
    return this.bookings.list(query, actor.user, url);
  }

  @Get(':bookingId')
  @ApiOperation({ summary: 'One of the caller’s bookings' })
  @ApiOkResponse({ type: BookingResponse })
  @ApiError(404, 'No such booking, or another user’s.', BOOKING_NOT_FOUND)
  async findOne(@Param('bookingId', bookingId) id: string, @CurrentActor() actor: Actor): Promise<BookingResponse> {
    return toBookingResponse(await this.bookings.findVisible(id, actor.user));
  }

  @Delete(':bookingId')
  @BookingWriteRateLimit()
  @UseInterceptors(RecordCancellation)
  @ApiOperation({ summary: 'Cancel a booking; its tickets go back to the event' })
  @ApiOkResponse({ type: CancellationResponse })
  @ApiError(400, 'Already cancelled.', { error: 'Booking is already cancelled' })
  @ApiError(404, 'No such booking, or another user’s.', BOOKING_NOT_FOUND)
  async cancel(@Param('bookingId', bookingId) id: string, @CurrentActor() actor: Actor): Promise<CancellationResponse> {
    const booking = await this.bookings.cancelBooking(id, actor);
    return { booking_id: booking.id, status: 'cancelled' };
  }
}
