import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const HTTP_LABELS = ['method', 'route', 'status'] as const;

/**
 * The application's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so several app instances in one process, as in the tests, do not collide.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = this.counter(
    'evently_http_requests_total',
    'HTTP requests answered, by method, route template and status.',
    HTTP_LABELS,
  );

  readonly httpDuration = new Histogram({
    name: 'evently_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status.',
    labelNames: HTTP_LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly bookingsConfirmed = this.counter('evently_bookings_confirmed_total', 'Bookings confirmed.');

  readonly bookingsRejected = this.counter('evently_bookings_rejected_total', 'Booking requests refused, by reason.', ['reason']);

  readonly bookingsCancelled = this.counter(
    'evently_bookings_cancelled_total',
    'Bookings cancelled, one by one (DELETE /api/bookings/{id}/) or with their event.',
  );

  readonly ticketsSold = this.counter('evently_tickets_sold_total', 'Tickets in confirmed bookings.');

  readonly holds = this.counter(
    'evently_holds_total',
    'Holds by outcome: created (direct), confirmed, released, expired, cancelled (with their event).',
    ['outcome'],
  );

  readonly waitlist = this.counter(
    'evently_waitlist_entries_total',
    'Waiting-list entries by outcome: joined, offered, converted, declined, expired, left, cancelled.',
    ['outcome'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'evently_' });
  }

  /** A booking was made, directly or by confirming a hold: one booking, and its tickets sold. */
  bookingConfirmed(tickets: number): void {
    this.bookingsConfirmed.inc();
    this.ticketsSold.inc(tickets);
  }

  private counter<Label extends string = never>(name: string, help: string, labelNames: readonly Label[] = []): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
