/** An event's seats as the database has them: the books balance when confirmed + available = capacity. */
export interface Ledger {
  capacity: number;
  available: number;
  confirmed: number;
}

export type RowQuery = (sql: string, parameters: unknown[]) => Promise<Ledger[]>;

/** Read with whatever connection the caller has (TypeORM in tests, pg in the benchmark). */
export async function ledgerOf(query: RowQuery, eventId: string): Promise<Ledger> {
  const [row] = await query(
    `SELECT e.capacity, e.available_tickets AS available,
            COALESCE((SELECT SUM(number_of_tickets) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed'), 0)::int AS confirmed
     FROM events e WHERE e.id = $1`,
    [eventId],
  );
  return row;
}
