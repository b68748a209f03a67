import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { PageRequest } from '../common/pagination/pagination';
import { insertAuditEntriesSql } from '../schema/audit-entry.entity';
import { WaitlistEntryEntity, WaitlistStatus } from '../schema/waitlist-entry.entity';

/** An entry as the API shows it: its place among those waiting, and its offered hold. */
export interface WaitlistEntryView {
  id: string;
  eventId: string;
  userId: string;
  numberOfTickets: number;
  status: WaitlistStatus;
  joinedAt: Date;
  /** 1-based among the event's waiting entries; null when not waiting. */
  position: number | null;
  hold: { id: string; expiresAt: Date } | null;
}

/** Who joined or left, for the audit entry. */
export interface EntryActor {
  actorId: string;
  requestId: string | null;
}

const VIEW_SQL = `SELECT e.id, e.event_id, e.user_id, e.number_of_tickets, e.status, e.joined_at, e.hold_id, h.expires_at,
    CASE WHEN e.status = 'waiting' THEN (
      SELECT count(*)::int + 1 FROM waitlist_entries o
      WHERE o.event_id = e.event_id AND o.status = 'waiting' AND (o.joined_at, o.id) < (e.joined_at, e.id)
    ) END AS position
  FROM waitlist_entries e LEFT JOIN holds h ON h.id = e.hold_id`;

interface ViewRow {
  id: string;
  event_id: string;
  user_id: string;
  number_of_tickets: number;
  status: WaitlistStatus;
  joined_at: Date;
  hold_id: string | null;
  expires_at: Date | null;
  position: number | null;
}

@Injectable()
export class WaitlistRepository {
  constructor(@InjectRepository(WaitlistEntryEntity) private readonly entries: Repository<WaitlistEntryEntity>) {}

  async findView(id: string): Promise<WaitlistEntryView | null> {
    const [row]: ViewRow[] = await this.entries.query(`${VIEW_SQL} WHERE e.id = $1`, [id]);
    return row ? viewFromRow(row) : null;
  }

  /** Locked FOR UPDATE; callers lock the event row first (one lock order: event, then entry). */
  findForUpdate(id: string, manager: EntityManager): Promise<WaitlistEntryEntity | null> {
    return manager
      .getRepository(WaitlistEntryEntity)
      .createQueryBuilder('entry')
      .setLock('pessimistic_write')
      .where('entry.id = :id', { id })
      .getOne();
  }

  /** The user's entry on the event's line while waiting or offered, if any. */
  async queuedEntryOf(eventId: string, userId: string, manager: EntityManager): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(
      `SELECT id FROM waitlist_entries WHERE event_id = $1 AND user_id = $2 AND status IN ('waiting', 'offered')`,
      [eventId, userId],
    );
    return row?.id ?? null;
  }

  /** Joins the line and audits `waitlist.joined`, in one statement. */
  async insertWaiting(eventId: string, userId: string, tickets: number, by: EntryActor, manager: EntityManager): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `WITH entry AS (
         INSERT INTO waitlist_entries (event_id, user_id, number_of_tickets, status) VALUES ($1, $2, $3, 'waiting') RETURNING id
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'waitlist.joined', $4::uuid, NULL::uuid, $1, $5::varchar, NULL::uuid, entry.id FROM entry`)}
       )
       SELECT id FROM entry`,
      [eventId, userId, tickets, by.actorId, by.requestId],
    );
    return row.id;
  }

  /** Leaves the line and audits `waitlist.left`, in one statement. */
  async markLeft(entry: WaitlistEntryEntity, by: EntryActor, manager: EntityManager): Promise<void> {
    await manager.query(
      `WITH entry AS (
         UPDATE waitlist_entries SET status = 'left', ended_at = now() WHERE id = $1 RETURNING id, event_id
       ), audit AS (
         ${insertAuditEntriesSql(`SELECT 'waitlist.left', $2::uuid, NULL::uuid, entry.event_id, $3::varchar, NULL::uuid, entry.id FROM entry`)}
       )
       SELECT id FROM entry`,
      [entry.id, by.actorId, by.requestId],
    );
  }

  /** The event's entries in line order (all statuses), and how many there are. */
  async pageOfEvent(eventId: string, request: PageRequest): Promise<[WaitlistEntryView[], number]> {
    const rows: (ViewRow & { total: number })[] = await this.entries.query(
      `${VIEW_SQL.replace('SELECT ', 'SELECT count(*) OVER ()::int AS total, ')}
       WHERE e.event_id = $1 ORDER BY e.joined_at, e.id OFFSET $2 LIMIT $3`,
      [eventId, request.offset, request.pageSize],
    );
    if (rows.length) return [rows.map(viewFromRow), rows[0].total];
    const [{ total }]: { total: number }[] = await this.entries.query(
      `SELECT count(*)::int AS total FROM waitlist_entries WHERE event_id = $1`,
      [eventId],
    );
    return [[], total];
  }
}

function viewFromRow(row: ViewRow): WaitlistEntryView {
  return {
    id: row.id,
    eventId: row.event_id,
    userId: row.user_id,
    numberOfTickets: row.number_of_tickets,
    status: row.status,
    joinedAt: row.joined_at,
    position: row.position,
    hold: row.hold_id ? { id: row.hold_id, expiresAt: row.expires_at! } : null,
  };
}
