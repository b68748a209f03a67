// The DataSource the TypeORM CLI uses: `npm run migration:*` (through ormconfig.ts) and, compiled,
// the container's one-shot `migrate` service. It connects to MIGRATIONS_DATABASE_URL (direct, when
// DATABASE_URL is a transaction pooler), else DATABASE_URL; without either it works on the
// embedded PostgreSQL under DATA_DIR, attaching to it when the server is already running.
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../database/data-source-options';
import { ensureEmbeddedPostgres } from '../database/embedded-postgres';
import { entities } from '../schema/entities';

async function cliDataSource(): Promise<DataSource> {
  const url =
    process.env.MIGRATIONS_DATABASE_URL ??
    process.env.DATABASE_URL ??
    (await ensureEmbeddedPostgres({ dataDir: process.env.DATA_DIR ?? '.data' })).url;
  return new DataSource({ ...dataSourceOptions({ url, poolSize: 2 }), entities });
}

export default cliDataSource();
