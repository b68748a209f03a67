import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { catchError, from, map, mergeMap, Observable, tap, throwError } from 'rxjs';

import { actorOf } from '../../common/auth/actor';
import { BookingResult } from '../bookings.service';
import { BookingResponse, CancellationResponse } from '../dto/booking.response';
import { BookingRecorder } from './booking-recorder';

/**
 * On `POST /api/bookings/`: tells BookingRecorder how the request ended, then answers the booking's
 * body. It wraps the pipes too, so an invalid body counts as a rejection; the rejection is
 * recorded before the error answer.
 */
@Injectable()
export class RecordBookingOutcome implements NestInterceptor {
  constructor(private readonly recorder: BookingRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler<BookingResult>): Observable<BookingResponse> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    return next.handle().pipe(
      tap((result) => {
        // A replay of an idempotent retry booked nothing new.
        if (!result.replayed) this.recorder.confirmed(result.body);
      }),
      map((result) => result.body),
      catchError((error: unknown) =>
        from(this.recorder.rejected({ eventId: body.event_id, tickets: body.number_of_tickets }, actorOf(request), error)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}

/** On `DELETE /api/bookings/{id}/`: one outcome per successful cancellation. */
@Injectable()
export class RecordCancellation implements NestInterceptor {
  constructor(private readonly recorder: BookingRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler<CancellationResponse>): Observable<CancellationResponse> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(tap((cancellation) => this.recorder.cancelled(cancellation.booking_id, actorOf(request))));
  }
}
