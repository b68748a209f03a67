import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../src/database/data-source-options';
import { migrations } from '../src/database/migrations';
import { entities } from '../src/schema/entities';

/** The migrated schema of this spec file's own database, with no app around it. */
describe('Database schema', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource({ ...dataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 2 }), entities });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  const insertEvent = (capacity: number, available: number) =>
    dataSource.query(
      `INSERT INTO events (name, venue, starts_at, capacity, available_tickets, price) VALUES ('x', 'y', now(), $1, $2, 10) RETURNING id`,
      [capacity, available],
    );

  it('matches the entities: the migrations leave nothing for TypeORM to change', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('keeps available_tickets within [0, capacity] whatever the code does', async () => {
    const [{ id }] = await insertEvent(10, 10);
    await expect(dataSource.query('UPDATE events SET available_tickets = available_tickets - 11 WHERE id = $1', [id])).rejects.toThrow(
      /events_available_within_capacity/,
    );
    await expect(dataSource.query('UPDATE events SET available_tickets = 11 WHERE id = $1', [id])).rejects.toThrow(
      /events_available_within_capacity/,
    );
    await expect(insertEvent(0, 0)).rejects.toThrow(/events_capacity_positive/);
    const [{ available_tickets }] = await dataSource.query('SELECT available_tickets FROM events WHERE id = $1', [id]);
    expect(available_tickets).toBe(10);
  });

  it('refuses a second username that differs only in case', async () => {
    const insertUser = (username: string) => dataSource.query(`INSERT INTO users (username, password_hash) VALUES ($1, 'x')`, [username]);
    await insertUser('Mallory');
    await expect(insertUser('mallory')).rejects.toThrow(/users_username_lower_key/);
  });

  it('reverts every migration and applies them again', async () => {
    for (let step = 0; step < migrations.length; step++) await dataSource.undoLastMigration();
    const [{ count: tablesAfterRevert }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tablesAfterRevert).toBe(0);

    await dataSource.runMigrations();
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
