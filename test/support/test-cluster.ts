import { Client } from 'pg';

/** Where the test run's databases live: set by global-setup.ts, read by each spec file. */
export const ADMIN_URL_VARIABLE = 'EVENTLY_TEST_ADMIN_URL';
export const TEMPLATE_VARIABLE = 'EVENTLY_TEST_TEMPLATE';

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
