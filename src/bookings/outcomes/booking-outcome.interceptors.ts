import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, tap, throwError } from 'rxjs';

import { Actor } from '../../common/auth/actor';
import { requestIdOf } from '../../common/http/request-id';
import { BookingResponse, CancellationResponse } from '../dto/booking.response';
import { BookingOutcomes } from './booking-outcomes';

function actorOf(request: Request): Actor | undefined {
  return request.user ? { user: request.user, requestId: requestIdOf(request) } : undefined;
}

/**
 * On `POST /api/bookings/`: tells BookingOutcomes how the request ended. It wraps the pipes too,
 * so an invalid body counts as a rejection; the rejection is recorded before the error answer.
 */
@Injectable()
export class RecordBookingOutcome implements NestInterceptor {
  constructor(private readonly outcomes: BookingOutcomes) {}

  intercept(context: ExecutionContext, next: CallHandler<BookingResponse>): Observable<BookingResponse> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    return next.handle().pipe(
      tap((booking) => {
        // A replay of an idempotent retry booked nothing new.
        if (http.getResponse<Response>().getHeader('Idempotent-Replayed') !== 'true') this.outcomes.confirmed(booking);
      }),
      catchError((error: unknown) =>
        from(this.outcomes.rejected({ eventId: body.event_id, tickets: body.number_of_tickets }, actorOf(request), error)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}

/** On `DELETE /api/bookings/{id}/`: one outcome per successful cancellation. */
@Injectable()
export class RecordCancellation implements NestInterceptor {
  constructor(private readonly outcomes: BookingOutcomes) {}

  intercept(context: ExecutionContext, next: CallHandler<CancellationResponse>): Observable<CancellationResponse> {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(tap((cancellation) => this.outcomes.cancelled(cancellation.booking_id, actorOf(request)!)));
  }
}
