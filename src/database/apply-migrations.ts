import { DataSource } from 'typeorm';

import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations on a short-lived connection of their own (test template, benchmark). */
export async function applyPendingMigrations(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
