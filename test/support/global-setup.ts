// Starts one PostgreSQL for the whole run (embedded, or the server at TEST_DATABASE_URL), migrates
// a template database once; every spec file then gets its own clone (database-per-file.ts).
import 'reflect-metadata';

import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { applyPendingMigrations } from '../../src/database/apply-migrations';
import { ensureEmbeddedPostgres, RunningPostgres } from '../../src/database/embedded-postgres';
import { ADMIN_URL_VARIABLE, databaseUrl, TEMPLATE_VARIABLE, withClient } from './test-cluster';
import { findTestRedis, REDIS_URL_VARIABLE } from './test-redis';

declare global {
  var eventlyTestCluster: RunningPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? (await startThrowAwayCluster());
  const template = `evently_template_${process.pid}`;
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  await applyPendingMigrations(databaseUrl(adminUrl, template));
  process.env[ADMIN_URL_VARIABLE] = adminUrl;
  process.env[TEMPLATE_VARIABLE] = template;
  process.env[REDIS_URL_VARIABLE] = await findTestRedis();
}

async function startThrowAwayCluster(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'evently-test-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its folder inside
  const cluster = await ensureEmbeddedPostgres({
    dataDir,
    persistent: false,
    // Durability is worthless for a cluster deleted after the run; skipping it makes tests faster.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  globalThis.eventlyTestCluster = cluster;
  return databaseUrl(cluster.url, 'postgres');
}
