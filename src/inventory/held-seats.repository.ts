import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { batchPerLoopPass, inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { insertAuditEntriesSql } from '../schema/audit-entry.entity';
import { HoldEnding, HoldEntity, holdFromRow, HoldRow } from '../schema/hold.entity';
import { WAITLIST_STATUS_OF_HOLD_ENDING } from '../schema/waitlist-entry.entity';
import { ChangedBy, NewHold } from './seat-requests';
import { changeSeatsSql, markOfferedSql, settleOfferedEntriesSql } from './seat-sql';

/** What a new hold is made from: the locked event's price and hold length. */
export interface HoldTerms {
  id: string;
  price: string;
  holdSeconds: number;
}

/** Which active holds of an event to end: these ids, the overdue ones (up to `limit`, oldest first), or all. */
export type HoldSelection = { ids: string[] } | { overdue: true; limit?: number } | { all: true };

/** A hold ended without a booking, with whether it settled the waiting-list entry it was offered to (not when the entry had left first). */
export type EndedHold = HoldEntity & { offerSettled: boolean };

/** A hold row locked for a change, with whether its time is up by the database's clock. */
export type LockedHold = HoldEntity & { overdue: boolean };

/** A user's active hold on an event. */
export interface UserHold {
  id: string;
  userId: string;
  overdue: boolean;
}

/** A waiting entry that may be offered seats. */
export interface LineCandidate {
  id: string;
  userId: string;
  tickets: number;
}

/** Which waiting entries to read next: those after `after` (null: from the front) that `seats` could serve. */
export interface CandidatePage {
  seats: number;
  /** The most an entry may ask for: the event's per-booking maximum. */
  maxTickets: number;
  after: string | null;
}

/**
 * The statements that move seats into and out of holds, and the waiting line they are offered
 * down: holds made (by a buyer or as an offer), ended (released, expired, cancelled) and locked.
 * Each write is one statement with its audit entries and waiting-list changes.
 */
@Injectable()
export class HeldSeatsRepository {
  // While holds run out, every refused request of a pass asks how many seats their holds still take.
  private readonly overdueByEvent = batchPerLoopPass((eventIds: readonly string[]) => this.findOverdueSeats(eventIds));

  constructor(private readonly dataSource: DataSource) {}

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then hold). */
  async lockHold(id: string, manager: EntityManager): Promise<LockedHold | null> {
    const [row]: (HoldRow & { overdue: boolean })[] = await manager.query(
      `SELECT *, expires_at <= now() AS overdue FROM holds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? { ...holdFromRow(row), overdue: row.overdue } : null;
  }

  /** The event's holds of these ids, locked FOR UPDATE in id order (callers lock the event row first). */
  async lockHolds(eventId: string, ids: string[], manager: EntityManager): Promise<LockedHold[]> {
    const rows: (HoldRow & { overdue: boolean })[] = await manager.query(
      `SELECT *, expires_at <= now() AS overdue FROM holds WHERE event_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [eventId, ids],
    );
    return rows.map((row) => ({ ...holdFromRow(row), overdue: row.overdue }));
  }

  /** The seats still taken by the event's holds whose time is up, not yet given back (read without a lock). */
  overdueSeats(eventId: string): Promise<number> {
    return this.overdueByEvent.load(eventId);
  }

  private async findOverdueSeats(eventIds: readonly string[]): Promise<number[]> {
    const rows: { event_id: string; seats: number }[] = await this.dataSource.query(
      `SELECT event_id, sum(number_of_tickets)::int AS seats FROM holds
       WHERE event_id = ANY($1::uuid[]) AND status = 'active' AND expires_at <= now() GROUP BY event_id`,
      [eventIds],
    );
    return inKeyOrder(eventIds, rows, (row) => row.event_id).map((row) => row?.seats ?? 0);
  }

  /** Events with holds whose time is up and whose seats have not come back yet (for the sweeper). */
  async eventsWithOverdueHolds(limit: number): Promise<string[]> {
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT event_id FROM holds WHERE status = 'active' AND expires_at <= now() LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.event_id);
  }

  /** The active holds on the event of these users (a user has at most one), with whether their time is up. */
  async activeHoldsOf(eventId: string, userIds: string[], manager: EntityManager): Promise<UserHold[]> {
    const rows: { id: string; user_id: string; overdue: boolean }[] = await manager.query(
      `SELECT id, user_id, expires_at <= now() AS overdue FROM holds WHERE event_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
      [eventId, userIds],
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id, overdue: row.overdue }));
  }

  /** Seats in the event's active holds, overdue or not. */
  async heldSeats(eventId: string, manager: EntityManager): Promise<number> {
    const [row]: { seats: number }[] = await manager.query(
      `SELECT COALESCE(sum(number_of_tickets), 0)::int AS seats FROM holds WHERE event_id = $1 AND status = 'active'`,
      [eventId],
    );
    return row.seats;
  }

  /**
   * Makes holds in one statement: inserts them, takes their seats, marks the offered waiting-list
   * entries and writes the audit entries (`hold.created`, or `waitlist.offered` for an offer).
   * Callers leave out users who hold seats of the event already (under the event's lock, so the
   * check is exact); the partial unique index fails the statement should one slip through.
   */
  async insertHolds(event: HoldTerms, wanted: NewHold[], manager: EntityManager): Promise<HoldEntity[]> {
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
    return inKeyOrder(ids, rows, (row) => row.id).map((row) => holdFromRow(row!));
  }

  /**
   * Ends active holds of one event without a booking, in one statement: marks them, gives their
   * seats back, settles the waiting-list entries they were offered to and audits each. The rows
   * are taken FOR UPDATE SKIP LOCKED after the caller locked the event row, so however many
   * sweepers and transactions race, each hold ends once and its seats come back once.
   */
  async endHolds(eventId: string, which: HoldSelection, ending: HoldEnding, by: ChangedBy, manager: EntityManager): Promise<EndedHold[]> {
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
    return rows.map((row) => ({ ...holdFromRow(row), offerSettled: row.offer_settled }));
  }

  /**
   * A page of the waiting entries that could be offered seats now, in join order from after the
   * entry `after`: each asks for no more than `seats` (and the per-booking maximum), and there are
   * at most `seats` of them, as no more could be served. An entry whose user already holds seats
   * of the event keeps its place until that hold ends (a user has one active hold per event).
   */
  async waitingCandidates(eventId: string, page: CandidatePage, manager: EntityManager): Promise<LineCandidate[]> {
    const rows: { id: string; user_id: string; number_of_tickets: number }[] = await manager.query(
      `SELECT e.id, e.user_id, e.number_of_tickets FROM waitlist_entries e
       WHERE e.event_id = $1 AND e.status = 'waiting' AND e.number_of_tickets <= LEAST($2::integer, $3::integer)
         AND ($4::uuid IS NULL OR (e.joined_at, e.id) > (SELECT joined_at, id FROM waitlist_entries WHERE id = $4))
         AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.event_id = e.event_id AND h.user_id = e.user_id AND h.status = 'active')
       ORDER BY e.joined_at, e.id LIMIT $2::integer`,
      [eventId, page.seats, page.maxTickets, page.after],
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id, tickets: row.number_of_tickets }));
  }

  /** Cancels every waiting entry of the event (offered ones end with their holds). */
  async cancelWaitingEntries(eventId: string, manager: EntityManager): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE waitlist_entries SET status = 'cancelled', ended_at = now() WHERE event_id = $1 AND status = 'waiting'`,
      [eventId],
    );
    return count;
  }
}
