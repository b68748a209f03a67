import { ADMIN_URL_VARIABLE, TEMPLATE_VARIABLE, withClient } from './test-cluster';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.eventlyTestCluster) {
    await globalThis.eventlyTestCluster.stop(); // deletes the throw-away cluster and its data
    return;
  }
  // On a given server (TEST_DATABASE_URL), drop what this run created.
  const template = process.env[TEMPLATE_VARIABLE]!;
  await withClient(process.env[ADMIN_URL_VARIABLE]!, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `${template.replace('template', 'test')}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
