import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { insertAuditEntriesSql } from '../audit/audit.repository';
import { batchPerLoopPass, inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { PageRequest } from '../common/pagination/pagination';
import { lockById } from '../database/lock-by-id';
import { changeSeatsSql } from '../events/events.repository';
import { confirmHoldsSql } from '../holds/holds.repository';
import { BookingEntity, BookingStatus } from '../schema/booking.entity';
import { HoldEntity } from '../schema/hold.entity';
import { convertEntriesSql } from '../waitlist/waitlist.repository';

export interface BookingFilters {
  userId?: string;
  eventId?: string;
  status?: BookingStatus;
}

/** A booking to make, with who asked for it (for its `booking.created` audit entry). */
export interface NewBooking {
  userId: string;
  tickets: number;
  actorId: string;
  requestId: string | null;
}

/** A hold to confirm into a booking, with who confirms it (for the audit entries). */
export interface HoldToBook {
  hold: HoldEntity;
  actorId: string;
  requestId: string | null;
}

/** One page of one user's history, as the batched query is asked for it. */
interface HistoryPageRequest {
  userId: string;
  offset: number;
  pageSize: number;
}

/** A bookings row as PostgreSQL sends it. */
interface BookingRow {
  id: string;
  user_id: string;
  event_id: string;
  number_of_tickets: number;
  status: BookingStatus;
  total_amount: string;
  created_at: Date;
  cancelled_at: Date | null;
}

/** A pagesSql row: which request it answers, that request's count, and a booking (all null past the end). */
type PageRow = { request: string; total: number } & (BookingRow | { id: null });

const FILTER_COLUMNS = [
  ['userId', 'user_id'],
  ['eventId', 'event_id'],
  ['status', 'status'],
] as const satisfies readonly (readonly [keyof BookingFilters, string])[];

/**
 * The one paging statement of bookings, for staff lists and histories alike: for each request of
 * `requests` (columns request, page_offset, page_size), the count of the bookings matching `where`
 * and the rows of its page, newest first with the id breaking ties (bookings of one turn share
 * created_at), so consecutive pages never repeat or skip a row. The page's ids are picked first
 * from the index and its rows fetched by id, so a deep OFFSET walks the index alone; a page past
 * the end still answers its count, from a row without a booking.
 */
function pagesSql(requests: string, where: string): string {
  return `SELECT q.request, t.total, b.*
    FROM ${requests}
    CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM bookings WHERE ${where}) t
    LEFT JOIN LATERAL (
      SELECT * FROM bookings WHERE id IN (
        SELECT id FROM bookings WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET q.page_offset LIMIT q.page_size
      )
    ) b ON true
    ORDER BY q.request, b.created_at DESC, b.id DESC`;
}

@Injectable()
export class BookingsRepository {
  // After an on-sale's bookings come their owners' "my bookings" pages.
  private readonly historyPages = batchPerLoopPass((requests: readonly HistoryPageRequest[]) => this.findHistoryPages(requests));

  constructor(@InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>) {}

  findById(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ id });
  }

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then booking). */
  findForUpdate(id: string, manager: EntityManager): Promise<BookingEntity | null> {
    return lockById(manager, BookingEntity, id);
  }

  /**
   * The write of a booking turn, in one statement over three tables: takes the seats of all the
   * bookings, inserts them confirmed and writes their `booking.created` audit entries, so the turn
   * holding the event's row lock waits for one round trip however many bookings share it. The seat
   * update and the audit insert are those of EventsRepository and AuditRepository. Ids are made
   * here so each answer finds its own row; totals are price x tickets in PostgreSQL's numeric.
   */
  async insertConfirmedTakingSeats(eventId: string, wanted: NewBooking[], manager: EntityManager): Promise<BookingEntity[]> {
    const ids = wanted.map(() => randomUUID());
    const rows: BookingRow[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::integer[], $5::uuid[], $6::text[]) AS w(id, user_id, tickets, actor_id, request_id)
       ), seats AS (
         ${changeSeatsSql('$1', '-(SELECT sum(tickets) FROM wanted)::integer')} RETURNING price
       ), booking AS (
         INSERT INTO bookings (id, user_id, event_id, number_of_tickets, status, total_amount)
         SELECT w.id, w.user_id, $1, w.tickets, 'confirmed', seats.price * w.tickets FROM wanted w, seats
         RETURNING *
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'booking.created', w.actor_id, booking.id, $1, w.request_id, NULL::uuid, NULL::uuid FROM booking JOIN wanted w USING (id)`)}
       )
       SELECT * FROM booking`,
      [
        eventId,
        ids,
        wanted.map((b) => b.userId),
        wanted.map((b) => b.tickets),
        wanted.map((b) => b.actorId),
        wanted.map((b) => b.requestId),
      ],
    );
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => this.bookingFromRow(row!));
  }

  /**
   * Confirms holds of one event into bookings in one statement: each booking at its hold's quoted
   * total, the holds marked confirmed, their waiting-list entries converted, and a
   * `booking.created` and a `hold.confirmed` audit entry each. The holds' seats were taken when
   * they were made, so none move. Answers in the order asked.
   */
  async insertConfirmedFromHolds(eventId: string, confirmations: HoldToBook[], manager: EntityManager): Promise<BookingEntity[]> {
    const ids = confirmations.map(() => randomUUID());
    const rows: BookingRow[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::integer[], $6::numeric[], $7::uuid[], $8::text[])
           AS w(id, hold_id, user_id, tickets, total, actor_id, request_id)
       ), booking AS (
         INSERT INTO bookings (id, user_id, event_id, number_of_tickets, status, total_amount)
         SELECT w.id, w.user_id, $1, w.tickets, 'confirmed', w.total FROM wanted w RETURNING *
       ), hold AS (
         ${confirmHoldsSql('SELECT hold_id, id FROM wanted')}
       ), entry AS (
         ${convertEntriesSql('SELECT hold_id FROM wanted')}
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT a.action, w.actor_id, w.id, $1, w.request_id, w.hold_id, NULL::uuid
            FROM wanted w CROSS JOIN (VALUES ('booking.created'), ('hold.confirmed')) AS a(action)`)}
       )
       SELECT * FROM booking`,
      [
        eventId,
        ids,
        confirmations.map(({ hold }) => hold.id),
        confirmations.map(({ hold }) => hold.userId),
        confirmations.map(({ hold }) => hold.numberOfTickets),
        confirmations.map(({ hold }) => hold.totalAmount),
        confirmations.map(({ actorId }) => actorId),
        confirmations.map(({ requestId }) => requestId),
      ],
    );
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => this.bookingFromRow(row!));
  }

  async markCancelled(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(BookingEntity).update({ id }, { status: 'cancelled', cancelledAt: () => 'now()' });
  }

  /** Cancels every confirmed booking of the event; returns their ids. */
  async cancelConfirmedOfEvent(eventId: string, manager: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now()
       WHERE event_id = $1 AND status = 'confirmed' RETURNING id`,
      [eventId],
    );
    return rows.map((row) => row.id);
  }

  /** A page of the bookings that match the filters, newest first, and how many match in all. */
  async page(filters: BookingFilters, request: PageRequest): Promise<[BookingEntity[], number]> {
    const parameters: unknown[] = [request.offset, request.pageSize];
    const where = FILTER_COLUMNS.flatMap(([filter, column]) => {
      if (filters[filter] === undefined) return [];
      parameters.push(filters[filter]);
      return [`${column} = $${parameters.length}`];
    });
    const rows: PageRow[] = await this.bookings.query(
      pagesSql('(VALUES (1, $1::bigint, $2::integer)) AS q(request, page_offset, page_size)', where.join(' AND ') || 'true'),
      parameters,
    );
    return this.pagesFromRows(rows, 1)[0];
  }

  /**
   * A page of the user's history, in the order of `page`. The pages asked for in one pass of the
   * event loop are read by one statement.
   */
  pageByUser(userId: string, request: PageRequest): Promise<[BookingEntity[], number]> {
    return this.historyPages.load({ userId, offset: request.offset, pageSize: request.pageSize });
  }

  /** Each distinct page once, however many requests of the pass asked for it. */
  private async findHistoryPages(requests: readonly HistoryPageRequest[]): Promise<[BookingEntity[], number][]> {
    const keyOf = (request: HistoryPageRequest) => `${request.userId} ${request.offset} ${request.pageSize}`;
    const distinct = [...new Map(requests.map((request) => [keyOf(request), request])).values()];
    const rows: PageRow[] = await this.bookings.query(
      pagesSql(
        'unnest($1::uuid[], $2::bigint[], $3::integer[]) WITH ORDINALITY AS q(user_id, page_offset, page_size, request)',
        'user_id = q.user_id',
      ),
      [distinct.map((request) => request.userId), distinct.map((request) => request.offset), distinct.map((request) => request.pageSize)],
    );
    const pages = this.pagesFromRows(rows, distinct.length);
    const pageOfKey = new Map(distinct.map((request, index) => [keyOf(request), pages[index]]));
    return requests.map((request) => pageOfKey.get(keyOf(request))!);
  }

  /** Splits a pagesSql result into its pages, in the order the requests were numbered. */
  private pagesFromRows(rows: PageRow[], pageCount: number): [BookingEntity[], number][] {
    const pages = Array.from({ length: pageCount }, (): [BookingEntity[], number] => [[], 0]);
    for (const row of rows) {
      const page = pages[Number(row.request) - 1];
      page[1] = row.total;
      if (row.id !== null) page[0].push(this.bookingFromRow(row));
    }
    return pages;
  }

  private bookingFromRow(row: BookingRow): BookingEntity {
    return this.bookings.create({
      id: row.id,
      userId: row.user_id,
      eventId: row.event_id,
      numberOfTickets: row.number_of_tickets,
      status: row.status,
      totalAmount: row.total_amount,
      createdAt: row.created_at,
      cancelledAt: row.cancelled_at,
    });
  }
}
