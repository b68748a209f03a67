import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';

import { insertAuditEntriesSql } from '../audit/audit.repository';
import { batchPerLoopPass, inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { PageRequest } from '../common/pagination/pagination';
import { pageOf } from '../database/page-of';
import { changeSeatsSql } from '../events/events.repository';
import { HoldEnding, HoldEntity, HoldSource, HoldStatus } from '../schema/hold.entity';
import { WAITLIST_STATUS_OF_HOLD_ENDING } from '../schema/waitlist-entry.entity';
import { markOfferedSql, settleOfferedEntriesSql } from '../waitlist/waitlist.repository';

/** A hold to make, with who asked for it; an offer names the waiting-list entry it is for. */
export interface NewHold {
  userId: string;
  tickets: number;
  actorId: string | null;
  requestId: string | null;
  source: HoldSource;
  waitlistEntryId?: string;
}

/** What a new hold is made from: the locked event's price and hold length. */
export interface HoldTerms {
  id: string;
  price: string;
  holdSeconds: number;
}

/** Which active holds of an event to end: these ids, the overdue ones (up to `limit`, oldest first), or all. */
export type HoldSelection = { ids: string[] } | { overdue: true; limit?: number } | { all: true };

/** Who ended holds, for their audit entries (null for the sweeper and for reclaims). */
export interface EndedBy {
  actorId: string | null;
  requestId: string | null;
}

export interface HoldFilters {
  userId?: string;
  eventId?: string;
  status?: HoldStatus;
}

/** A holds row as PostgreSQL sends it. */
interface HoldRow {
  id: string;
  event_id: string;
  user_id: string;
  number_of_tickets: number;
  status: HoldStatus;
  source: HoldSource;
  total_amount: string;
  expires_at: Date;
  created_at: Date;
  ended_at: Date | null;
  booking_id: string | null;
}

/**
 * A hold ended without a booking, with whether it settled the waiting-list entry it was offered
 * to (not when the entry had left the line first).
 */
export type EndedHold = HoldEntity & { offerSettled: boolean };

/** A user's active hold on an event. */
export interface UserHold {
  id: string;
  userId: string;
  overdue: boolean;
}

/** A hold row locked for a change, with whether its time is up by the database's clock. */
export type LockedHold = HoldEntity & { overdue: boolean };

@Injectable()
export class HoldsRepository {
  // While holds run out, every refused request of a pass asks how many seats their holds still take.
  private readonly overdueByEvent = batchPerLoopPass((eventIds: readonly string[]) => this.findOverdueSeats(eventIds));

  // During an on-sale every confirmation first reads its hold, to find the event whose turn it takes.
  private readonly currentById = batchPerLoopPass((ids: readonly string[]) => this.findByIds(ids));

  constructor(@InjectRepository(HoldEntity) private readonly holds: Repository<HoldEntity>) {}

  /**
   * The hold as committed now. One read serves every request of this event-loop pass that asks
   * for the hold, so the object is frozen: no caller can change what the others see.
   */
  findById(id: string): Promise<Readonly<HoldEntity> | null> {
    return this.currentById.load(id);
  }

  private async findByIds(ids: readonly string[]): Promise<(Readonly<HoldEntity> | null)[]> {
    const holds = await this.holds.findBy({ id: In([...ids]) });
    return inKeyOrder(
      ids,
      holds.map((hold) => Object.freeze(hold)),
      (hold) => hold.id,
    );
  }

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then hold). */
  async findForUpdate(id: string, manager: EntityManager): Promise<LockedHold | null> {
    const [row]: (HoldRow & { overdue: boolean })[] = await manager.query(
      `SELECT *, expires_at <= now() AS overdue FROM holds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? { ...this.holdFromRow(row), overdue: row.overdue } : null;
  }

  /** The event's holds of these ids, locked FOR UPDATE in id order (callers lock the event row first). */
  async findManyForUpdate(eventId: string, ids: string[], manager: EntityManager): Promise<LockedHold[]> {
    const rows: (HoldRow & { overdue: boolean })[] = await manager.query(
      `SELECT *, expires_at <= now() AS overdue FROM holds WHERE event_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [eventId, ids],
    );
    return rows.map((row) => ({ ...this.holdFromRow(row), overdue: row.overdue }));
  }

  /** The seats still taken by the event's holds whose time is up, not yet given back (read without a lock). */
  overdueSeats(eventId: string): Promise<number> {
    return this.overdueByEvent.load(eventId);
  }

  private async findOverdueSeats(eventIds: readonly string[]): Promise<number[]> {
    const rows: { event_id: string; seats: number }[] = await this.holds.query(
      `SELECT event_id, sum(number_of_tickets)::int AS seats FROM holds
       WHERE event_id = ANY($1::uuid[]) AND status = 'active' AND expires_at <= now() GROUP BY event_id`,
      [eventIds],
    );
    return inKeyOrder(eventIds, rows, (row) => row.event_id).map((row) => row?.seats ?? 0);
  }

  /** Events with holds whose time is up and whose seats have not come back yet (for the sweeper). */
  async eventsWithOverdueHolds(limit: number): Promise<string[]> {
    const rows: { event_id: string }[] = await this.holds.query(
      `SELECT DISTINCT event_id FROM holds WHERE status = 'active' AND expires_at <= now() LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.event_id);
  }

  /**
   * The write of a hold turn, in one statement: inserts the holds, takes their seats, marks the
   * offered waiting-list entries and writes the audit entries (`hold.created`, or
   * `waitlist.offered` for an offer). Callers leave out users who hold seats of the event already
   * (under the event's lock, so the check is exact); the partial unique index fails the statement
   * should one slip through.
   */
  async insertActiveTakingSeats(event: HoldTerms, wanted: NewHold[], manager: EntityManager): Promise<HoldEntity[]> {
    const ids = wanted.map(() => randomUUID());
    const rows: HoldRow[] = await manager.query(
      `WITH wanted AS (
         SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::integer[], $5::uuid[], $6::text[], $7::text[], $8::uuid[])
           AS w(id, user_id, tickets, actor_id, request_id, source, entry_id)
       ), hold AS (
         INSERT INTO holds (id, event_id, user_id, number_of_tickets, status, source, total_amount, expires_at)
         SELECT w.id, $1, w.user_id, w.tickets, 'active', w.source, $9::numeric * w.tickets, now() + make_interval(secs => $10)
         FROM wanted w
         RETURNING *
       ), seats AS (
         ${changeSeatsSql('$1', '-(SELECT COALESCE(sum(number_of_tickets), 0) FROM hold)::integer')}
       ), offered AS (
         ${markOfferedSql('SELECT w.entry_id, hold.id FROM hold JOIN wanted w USING (id) WHERE w.entry_id IS NOT NULL')}
       ), audit AS (
         ${insertAuditEntriesSql(
           `SELECT CASE WHEN w.entry_id IS NULL THEN 'hold.created' ELSE 'waitlist.offered' END,
                   w.actor_id, NULL::uuid, $1, w.request_id, hold.id, w.entry_id
            FROM hold JOIN wanted w USING (id)`,
         )}
       )
       SELECT * FROM hold`,
      [
        event.id,
        ids,
        wanted.map((hold) => hold.userId),
        wanted.map((hold) => hold.tickets),
        wanted.map((hold) => hold.actorId),
        wanted.map((hold) => hold.requestId),
        wanted.map((hold) => hold.source),
        wanted.map((hold) => hold.waitlistEntryId ?? null),
        event.price,
        event.holdSeconds,
      ],
    );
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => this.holdFromRow(row!));
  }

  /** Seats in the event's active holds, overdue or not. */
  async heldSeats(eventId: string, manager: EntityManager): Promise<number> {
    const [row]: { seats: number }[] = await manager.query(
      `SELECT COALESCE(sum(number_of_tickets), 0)::int AS seats FROM holds WHERE event_id = $1 AND status = 'active'`,
      [eventId],
    );
    return row.seats;
  }

  /** The active holds on the event of these users (a user has at most one), with whether their time is up. */
  async activeHoldsOf(eventId: string, userIds: string[], manager: EntityManager): Promise<UserHold[]> {
    const rows: { id: string; user_id: string; overdue: boolean }[] = await manager.query(
      `SELECT id, user_id, expires_at <= now() AS overdue FROM holds WHERE event_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
      [eventId, userIds],
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id, overdue: row.overdue }));
  }

  /**
   * Ends active holds of one event without a booking, in one statement: marks them, gives their
   * seats back, settles the waiting-list entries they were offered to and audits each. The rows
   * are taken FOR UPDATE SKIP LOCKED after the caller locked the event row, so however many
   * sweepers and turns race, each hold ends once and its seats come back once.
   */
  async endTakingBackSeats(
    eventId: string,
    which: HoldSelection,
    ending: HoldEnding,
    by: EndedBy,
    manager: EntityManager,
  ): Promise<EndedHold[]> {
    const ids = 'ids' in which ? which.ids : null;
    const overdueOnly = 'overdue' in which;
    const limit = 'limit' in which ? which.limit : null;
    const rows: (HoldRow & { offer_settled: boolean })[] = await manager.query(
      `WITH ended AS (
         UPDATE holds SET status = $2::varchar, ended_at = now() WHERE id IN (
           SELECT id FROM holds
           WHERE event_id = $1 AND status = 'active' AND ($6::uuid[] IS NULL OR id = ANY($6::uuid[]))
             AND (NOT $7::boolean OR expires_at <= now())
           ORDER BY expires_at LIMIT $8 FOR UPDATE SKIP LOCKED)
         RETURNING *
       ), seats AS (
         ${changeSeatsSql('$1', '(SELECT COALESCE(sum(number_of_tickets), 0) FROM ended)::integer')}
       ), entries AS (
         ${settleOfferedEntriesSql('SELECT id FROM ended', '$3::varchar')}
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'hold.' || $2::varchar, $4::uuid, NULL::uuid, $1, $5::varchar, ended.id, NULL::uuid FROM ended`)}
       )
       SELECT ended.*, ended.id IN (SELECT hold_id FROM entries) AS offer_settled FROM ended`,
      [eventId, ending, WAITLIST_STATUS_OF_HOLD_ENDING[ending], by.actorId, by.requestId, ids, overdueOnly, limit],
    );
    return rows.map((row) => ({ ...this.holdFromRow(row), offerSettled: row.offer_settled }));
  }

  /** A page of the holds that match the filters, newest first, and how many match in all. */
  page(filters: HoldFilters, request: PageRequest): Promise<[HoldEntity[], number]> {
    const query = this.holds.createQueryBuilder('hold').orderBy('hold.createdAt', 'DESC').addOrderBy('hold.id', 'DESC');
    if (filters.userId) query.andWhere('hold.userId = :userId', { userId: filters.userId });
    if (filters.eventId) query.andWhere('hold.eventId = :eventId', { eventId: filters.eventId });
    if (filters.status) query.andWhere('hold.status = :status', { status: filters.status });
    return pageOf(query, request);
  }

  private holdFromRow(row: HoldRow): HoldEntity {
    return this.holds.create({
      id: row.id,
      eventId: row.event_id,
      userId: row.user_id,
      numberOfTickets: row.number_of_tickets,
      status: row.status,
      source: row.source,
      totalAmount: row.total_amount,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      bookingId: row.booking_id,
    });
  }
}

/**
 * Marks holds confirmed into their bookings, as SQL for the statement that inserts the bookings:
 * `pairs` selects (hold id, booking id) rows of that statement.
 */
export function confirmHoldsSql(pairs: string): string {
  return `UPDATE holds SET status = 'confirmed', booking_id = p.booking_id, ended_at = now()
    FROM (${pairs}) AS p(hold_id, booking_id) WHERE holds.id = p.hold_id RETURNING holds.id`;
}
