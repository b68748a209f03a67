import { Body, Controller, Delete, Get, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { Actor, CurrentActor } from '../common/auth/actor';
import { ApiError, ApiEventBusy, ApiValidationError } from '../common/errors/api-error.decorator';
import {
  BookingAlreadyCancelledError,
  BookingNotFoundError,
  EventNotFoundError,
  EventNotOpenError,
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
import { BookingResult, BookingsService } from './bookings.service';
import { INSUFFICIENT_TICKETS } from './dto/booking.errors';
import { BookingResponse, CancellationResponse, toBookingResponse } from './dto/booking.response';
import { bookingBodyExamples, CreateBookingDto } from './dto/create-booking.dto';
import { ListBookingsQuery } from './dto/list-bookings.query';
import { RecordBookingOutcome, RecordCancellation } from './outcomes/booking-outcome.interceptors';

const bookingId = new ParseIdPipe(() => new BookingNotFoundError());

@ApiTags('bookings')
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
  @ApiBody({ type: CreateBookingDto, examples: bookingBodyExamples('books') })
  @ApiCreatedResponse({ type: BookingResponse, headers: CREATED_ANSWER_HEADERS('booking') })
  @ApiValidationError({ number_of_tickets: ['number_of_tickets must not be less than 1'] })
  @ApiError('More tickets than the event allows in one booking.', new TooManyTicketsPerBookingError(10))
  @ApiError('A non-staff caller booking for someone else.', new PermissionDeniedError())
  @ApiError('No such event (or user, when staff book for one).', new EventNotFoundError(), new UserNotFoundError())
  @ApiError('Not enough tickets left, or the event is cancelled or has started.', INSUFFICIENT_TICKETS, new EventNotOpenError())
  @ApiEventBusy('nothing was booked')
  @ApiIdempotencyKey(
    'books nothing. Only successful bookings are remembered: a rejected request changed nothing, so its retry is processed anew.',
  )
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
  @ApiError('No such booking, or another user’s.', new BookingNotFoundError())
  async findOne(@Param('bookingId', bookingId) id: string, @CurrentActor() actor: Actor): Promise<BookingResponse> {
    return toBookingResponse(await this.bookings.findVisible(id, actor.user));
  }

  @Delete(':bookingId')
  @BookingWriteRateLimit()
  @UseInterceptors(RecordCancellation)
  @ApiOperation({ summary: 'Cancel a booking; its tickets go back to the event' })
  @ApiOkResponse({ type: CancellationResponse })
  @ApiError('Already cancelled.', new BookingAlreadyCancelledError())
  @ApiError('No such booking, or another user’s.', new BookingNotFoundError())
  @ApiEventBusy('nothing was cancelled')
  async cancel(@Param('bookingId', bookingId) id: string, @CurrentActor() actor: Actor): Promise<CancellationResponse> {
    const booking = await this.bookings.cancelBooking(id, actor);
    return { booking_id: booking.id, status: 'cancelled' };
  }
}
