import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { SHARED_FOLDER } from '../src/database/postgres-binaries';

const run = promisify(execFile);
const PROJECT = resolve(__dirname, '..');

/** `npm run createsuperuser` in `folder` with the embedded database (no DATABASE_URL), as a user would run it. */
async function createSuperuser(folder: string, env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ...environment } = process.env;
  const args = ['run', '--silent', 'createsuperuser', '--', '--username', 'first', '--password', 'private-folders-work-9'];
  try {
    const { stdout, stderr } = await run('npm', args, {
      cwd: folder,
      env: { ...environment, LOG_LEVEL: 'info', ...env },
      timeout: 200_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Only root runs PostgreSQL as another user, who may not reach a private folder.
const asRoot = process.getuid?.() === 0;
if (!asRoot) process.stderr.write('\nSKIPPED the private-folder start test: it needs root (PostgreSQL then runs as "postgres")\n');

describe('The embedded PostgreSQL on a first start', () => {
  (asRoot ? it : it.skip)(
    'starts from a clone inside a private folder (mode 0700, as /root is), keeping its data under /var/lib/evently',
    async () => {
      // Same file system as the project, so node_modules can be hard-linked instead of copied.
      mkdirSync(join(PROJECT, '.data'), { recursive: true });
      const privateFolder = mkdtempSync(join(PROJECT, '.data', 'private-'));
      chmodSync(privateFolder, 0o700);
      const clone = join(privateFolder, 'evently');
      try {
        mkdirSync(clone);
        for (const entry of ['package.json', 'tsconfig.json', 'src']) cpSync(join(PROJECT, entry), join(clone, entry), { recursive: true });
        await run('cp', ['-al', join(PROJECT, 'node_modules'), clone]);

        const result = await createSuperuser(clone);

        expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Created staff user "first"') });
        // Named after the clone's data folder, which the "postgres" user cannot reach.
        const cluster = join(
          SHARED_FOLDER,
          'clusters',
          `evently-${createHash('sha256').update(join(clone, '.data')).digest('hex').slice(0, 12)}`,
        );
        expect(existsSync(join(cluster, 'postgres', 'PG_VERSION'))).toBe(true);
        rmSync(cluster, { recursive: true, force: true });
      } finally {
        rmSync(privateFolder, { recursive: true, force: true });
      }
    },
    // ts-node compiles the CLI, initdb makes a cluster and the migrations run: minutes on a loaded machine.
    240_000,
  );

  it('ends a failure in one line with its cause and its fix, never a stack', async () => {
    const result = await createSuperuser(PROJECT, { DATA_DIR: '/dev/null/data' });

    expect(result.code).toBe(1);
    // Nest reports the failed module first, with the same one-line message.
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.at(-1)).toMatch(
      /createsuperuser failed: embedded PostgreSQL: cannot create its data folder \/dev\/null\/data \(ENOTDIR\)\. Fix: set DATA_DIR to a writable folder, or set DATABASE_URL/,
    );
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
