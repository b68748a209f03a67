import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The application's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so several app instances in one process, as in the tests, do not collide.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'evently_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'evently_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly bookingsConfirmed = new Counter({
    name: 'evently_bookings_confirmed_total',
    help: 'Bookings confirmed.',
    registers: [this.registry],
  });

  readonly bookingsRejected = new Counter({
    name: 'evently_bookings_rejected_total',
    help: 'Booking requests refused, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly bookingsCancelled = new Counter({
    name: 'evently_bookings_cancelled_total',
    help: 'Bookings cancelled through DELETE /api/bookings/{id}/ (those of a cancelled event are in the audit trail).',
    registers: [this.registry],
  });

  readonly ticketsSold = new Counter({
    name: 'evently_tickets_sold_total',
    help: 'Tickets in confirmed bookings.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'evently_' });
  }
}
