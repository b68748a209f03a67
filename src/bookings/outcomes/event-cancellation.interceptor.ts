import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { map, Observable, tap } from 'rxjs';

import { actorOf } from '../../common/auth/actor';
import { EventResponse, toEventResponse } from '../../events/dto/event.response';
import { EventCancellation } from '../event-cancellation.service';
import { BookingRecorder } from './booking-recorder';

/**
 * On `POST /api/events/{id}/cancel/`: the handler hands on the service's EventCancellation; this
 * tells BookingRecorder of a cancellation that changed something (a repeat changed nothing) and
 * answers with the event.
 */
@Injectable()
export class RecordEventCancellation implements NestInterceptor {
  constructor(private readonly recorder: BookingRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler<EventCancellation>): Observable<EventResponse> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(
      tap(({ event, alreadyCancelled, cancelledBookingIds }) => {
        if (!alreadyCancelled) this.recorder.eventCancelled(event.id, cancelledBookingIds.length, actorOf(request));
      }),
      map(({ event }) => toEventResponse(event)),
    );
  }
}
