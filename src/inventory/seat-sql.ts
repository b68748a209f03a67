/**
 * Pieces of the statements that move seats, each written once and embedded by the statements of
 * this folder that need it (one round trip per change while the event row is locked). Each takes
 * SQL expressions or SELECTs of the statement it is embedded in.
 */

/** Moves the event's free seats by `delta`; the CHECK on events keeps them within [0, capacity]. */
export function changeSeatsSql(eventId: string, delta: string): string {
  return `UPDATE events SET available_tickets = available_tickets + (${delta}), updated_at = now() WHERE id = ${eventId}`;
}

/** Marks holds confirmed into their bookings: `pairs` selects (hold id, booking id). */
export function confirmHoldsSql(pairs: string): string {
  return `UPDATE holds SET status = 'confirmed', booking_id = p.booking_id, ended_at = now()
    FROM (${pairs}) AS p(hold_id, booking_id) WHERE holds.id = p.hold_id RETURNING holds.id`;
}

/** Marks waiting-list entries offered: `pairs` selects (entry id, hold id). */
export function markOfferedSql(pairs: string): string {
  return `UPDATE waitlist_entries SET status = 'offered', hold_id = p.hold_id FROM (${pairs}) AS p(entry_id, hold_id)
    WHERE waitlist_entries.id = p.entry_id`;
}

/** Settles the offered entries whose holds ended (`holdIds` selects them) with `status`; returns the hold ids settled. */
export function settleOfferedEntriesSql(holdIds: string, status: string): string {
  return `UPDATE waitlist_entries SET status = ${status}, ended_at = now() WHERE status = 'offered' AND hold_id IN (${holdIds})
    RETURNING hold_id`;
}

/** Marks the offered entries of confirmed holds (`holdIds` selects them) converted. */
export function convertEntriesSql(holdIds: string): string {
  return `UPDATE waitlist_entries SET status = 'converted', ended_at = now() WHERE status = 'offered' AND hold_id IN (${holdIds})`;
}
