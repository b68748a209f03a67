// Runs before each spec file: points DATABASE_URL at a fresh clone of the migrated template, so
// spec files are isolated from each other and can run in parallel.
import { randomBytes } from 'node:crypto';

import { ADMIN_URL_VARIABLE, databaseUrl, TEMPLATE_VARIABLE, withClient } from './test-cluster';

const adminUrl = process.env[ADMIN_URL_VARIABLE]!;
const template = process.env[TEMPLATE_VARIABLE]!;
const database = `${template.replace('template', 'test')}_${randomBytes(4).toString('hex')}`;

process.env.DATABASE_URL = databaseUrl(adminUrl, database);

beforeAll(async () => {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database} TEMPLATE ${template}`));
});
