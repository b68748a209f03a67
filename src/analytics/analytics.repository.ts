import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface SummaryRow {
  bookings_confirmed: number;
  bookings_cancelled: number;
  bookings_rejected: number;
  success_rate: number | null;
  tickets_sold: number;
  revenue: string;
  utilisation: number;
  holds_created: number;
  holds_confirmed: number;
  holds_expired: number;
  hold_conversion_rate: number | null;
}

export interface PeakBucketRow {
  start: Date;
  bookings: number;
  tickets: number;
}

export interface EventStatsRow {
  event_id: string;
  capacity: number;
  tickets_sold: number;
  available_tickets: number;
  utilisation: number;
  bookings_confirmed: number;
  bookings_cancelled: number;
  revenue: string;
  tickets_held: number;
  waitlist_waiting: number;
}

export interface EventUtilisationRow {
  event_id: string;
  utilisation: number;
}

// Ratios are rounded in SQL and money summed in numeric and sent as text: no float ever touches money.
const RATIO = (part: string, whole: string) => `round((${part})::numeric / NULLIF(${whole}, 0), 4)::float8`;
/** An event's seats sold (in confirmed bookings): neither available nor in an active hold, overdue or not. */
const SOLD = (event: string) =>
  `(${event}.capacity - ${event}.available_tickets - (SELECT COALESCE(sum(h.number_of_tickets), 0) FROM holds h WHERE h.event_id = ${event}.id AND h.status = 'active'))`;
const MONEY_SUM = (column: string, filter: string) => `COALESCE(sum(${column}) FILTER (WHERE ${filter}), 0)::numeric(20,2)::text`;

/**
 * Aggregates for the admin frontends, each one statement that PostgreSQL answers from indexes
 * (bookings by created_at, by event_id and status; rejections by at); no rows are loaded into Node.
 * The staff figures run on the `manager` the caller picks (a replica, see AnalyticsService).
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Bookings made in the window by their status now, rejections in the window, utilisation now. */
  async summary(window: TimeWindow, manager: EntityManager): Promise<SummaryRow> {
    const [row] = await manager.query(
      `WITH made AS (
         SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
                COALESCE(sum(number_of_tickets) FILTER (WHERE status = 'confirmed'), 0)::int AS tickets,
                ${MONEY_SUM('total_amount', `status = 'confirmed'`)} AS revenue
         FROM bookings WHERE created_at >= $1 AND created_at < $2),
       rejected AS (SELECT count(*)::int AS rejected FROM booking_rejections WHERE at >= $1 AND at < $2),
       held AS (
         SELECT count(*)::int AS created, count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                count(*) FILTER (WHERE status = 'expired')::int AS expired
         FROM holds WHERE created_at >= $1 AND created_at < $2),
       seats AS (
         SELECT sum(${SOLD('e')}) AS sold,
                sum(capacity) AS capacity
         FROM events e WHERE status = 'scheduled')
       SELECT made.confirmed AS bookings_confirmed, made.cancelled AS bookings_cancelled,
              rejected.rejected AS bookings_rejected,
              ${RATIO('made.confirmed + made.cancelled', 'made.confirmed + made.cancelled + rejected.rejected')} AS success_rate,
              made.tickets AS tickets_sold, made.revenue,
              COALESCE(${RATIO('seats.sold', 'seats.capacity')}, 0) AS utilisation,
              held.created AS holds_created, held.confirmed AS holds_confirmed, held.expired AS holds_expired,
              ${RATIO('held.confirmed', 'held.created')} AS hold_conversion_rate
       FROM made, rejected, held, seats`,
      [window.from, window.to],
    );
    return row;
  }

  /** Bookings made per hour or day (UTC), cancelled ones included: demand, not what is left of it. */
  peakTimes(window: TimeWindow, bucket: 'hour' | 'day', manager: EntityManager): Promise<PeakBucketRow[]> {
    return manager.query(
      `SELECT date_trunc($3, created_at, 'UTC') AS start, count(*)::int AS bookings, sum(number_of_tickets)::int AS tickets
       FROM bookings WHERE created_at >= $1 AND created_at < $2
       GROUP BY 1 ORDER BY 1`,
      [window.from, window.to, bucket],
    );
  }

  /** Seats held (active holds, overdue ones until they are reclaimed) are neither sold nor available. */
  async eventStats(eventId: string, manager: EntityManager): Promise<EventStatsRow | undefined> {
    const [row] = await manager.query(
      `WITH held AS (SELECT COALESCE(sum(number_of_tickets), 0)::int AS tickets FROM holds WHERE event_id = $1 AND status = 'active'),
       waiting AS (SELECT count(*)::int AS entries FROM waitlist_entries WHERE event_id = $1 AND status = 'waiting')
       SELECT e.id AS event_id, e.capacity, e.capacity - e.available_tickets - held.tickets AS tickets_sold, e.available_tickets,
              ${RATIO('e.capacity - e.available_tickets - held.tickets', 'e.capacity')} AS utilisation,
              count(b.id) FILTER (WHERE b.status = 'confirmed')::int AS bookings_confirmed,
              count(b.id) FILTER (WHERE b.status = 'cancelled')::int AS bookings_cancelled,
              ${MONEY_SUM('b.total_amount', `b.status = 'confirmed'`)} AS revenue,
              held.tickets AS tickets_held, waiting.entries AS waitlist_waiting
       FROM events e CROSS JOIN held CROSS JOIN waiting LEFT JOIN bookings b ON b.event_id = e.id
       WHERE e.id = $1 GROUP BY e.id, held.tickets, waiting.entries`,
      [eventId],
    );
    return row;
  }

  /** Seats in active holds and entries waiting, over all events, for the metrics scrape. */
  async holdsAndLine(): Promise<{ tickets_held: number; waitlist_waiting: number }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT COALESCE(sum(number_of_tickets), 0)::int FROM holds WHERE status = 'active') AS tickets_held,
              (SELECT count(*)::int FROM waitlist_entries WHERE status = 'waiting') AS waitlist_waiting`,
    );
    return row;
  }

  /** Utilisation of every scheduled event that has not started, for the metrics scrape. */
  scheduledEventUtilisation(): Promise<EventUtilisationRow[]> {
    return this.dataSource.query(
      `SELECT e.id AS event_id, ${RATIO(SOLD('e'), 'e.capacity')} AS utilisation
       FROM events e WHERE e.status = 'scheduled' AND e.starts_at > now()`,
    );
  }
}
