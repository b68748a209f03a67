import { Client } from 'pg';

export interface HeldTransaction {
  /** Ends the transaction (rolled back: the holder only ever blocks, it never changes data). */
  release(): Promise<void>;
}

/**
 * Runs `sql` in a transaction on a connection of its own, outside the app's pool, and keeps the
 * transaction open: whatever rows it locked or inserted stay locked until release().
 */
export async function holdInTransaction(sql: string, params: unknown[]): Promise<HeldTransaction> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql, params);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

export const holdEventLock = (eventId: string) => holdInTransaction('SELECT id FROM events WHERE id = $1 FOR UPDATE', [eventId]);
