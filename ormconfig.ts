// The DataSource the TypeORM CLI uses (`npm run migration:*`). Without DATABASE_URL it works on
// the embedded PostgreSQL under DATA_DIR, attaching to it when the server is already running.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source-options';
import { ensureEmbeddedPostgres } from './src/database/embedded-postgres';

async function cliDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL ?? (await ensureEmbeddedPostgres({ dataDir: process.env.DATA_DIR ?? '.data' })).url;
  return new DataSource(dataSourceOptions({ url, poolSize: 2 }));
}

export default cliDataSource();
