import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Metrics } from '../src/metrics/metrics';
import { startConfiguredApp } from './support/configured-app';
import { metricValue } from './support/metrics';
import type { TestApp } from './support/test-app';

/** The series' value as Prometheus reads it (`+Inf` included, which Number() does not parse). */
async function exposed(t: TestApp, series: string): Promise<string | undefined> {
  const text = await t.app.get(Metrics).registry.metrics();
  return text
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.slice(series.length + 1);
}

describe('GET /metrics: how old the last backup and the last archived WAL are', () => {
  const folder = mkdtempSync(join(tmpdir(), 'evently-backup-status-'));
  const marker = join(folder, 'last-backup.json');
  let t: TestApp;
  beforeAll(async () => (t = await startConfiguredApp({ BACKUP_STATUS_FILE: marker })));
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the seconds since the backup job last wrote its marker', async () => {
    const finishedAt = new Date(Date.now() - 90_000).toISOString();
    writeFileSync(marker, JSON.stringify({ finished_at: finishedAt, label: '20260101-013000F', type: 'full', tool: 'pgbackrest' }));

    const age = await metricValue(t, 'evently_backup_last_success_age_seconds');

    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(150);
  });

  it('says +Inf while there is no backup, so an alert on "older than" fires', async () => {
    rmSync(marker, { force: true });

    expect(await exposed(t, 'evently_backup_last_success_age_seconds')).toBe('+Inf');
  });

  it('reads the archive age from pg_stat_archiver: +Inf on the test cluster, which archives nothing', async () => {
    expect(await exposed(t, 'evently_wal_last_archived_age_seconds')).toBe('+Inf');
    expect(await metricValue(t, 'evently_wal_archive_failures')).toBe(0);
  });
});
