import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);

/** Runs `npm run createsuperuser -- ...` as a user would, against this file's database. */
async function createSuperuser(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'createsuperuser', '--', ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('npm run createsuperuser', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const token = (username: string, password: string) => t.http.post('/api/auth/token/').send({ username, password });

  it('creates a staff user while the server runs, who can then administer events', async () => {
    const result = await createSuperuser(['--username', 'boss', '--email', 'boss@example.com', '--password', 'run-the-show-1']);

    expect(result).toMatchObject({ code: 0, output: expect.stringContaining('Created staff user "boss"') });
    const login = await token('boss', 'run-the-show-1');
    const me = await t.http.get('/api/auth/me/').set('Authorization', `Token ${login.body.token}`);
    expect(me.body).toMatchObject({ username: 'boss', email: 'boss@example.com', is_staff: true });
  });

  it('makes an existing user staff and sets the password from EVENTLY_SUPERUSER_PASSWORD', async () => {
    const { user } = await t.make.user({ username: 'promoted' });

    const result = await createSuperuser(['--username', 'PROMOTED'], { EVENTLY_SUPERUSER_PASSWORD: 'brand-new-secret-2' });

    expect(result.code).toBe(0);
    expect(result.output).toContain('Updated staff user "promoted"');
    const login = await token('promoted', 'brand-new-secret-2');
    expect(login.body.user_id).toBe(user.id);
    const me = await t.http.get('/api/auth/me/').set('Authorization', `Token ${login.body.token}`);
    expect(me.body.is_staff).toBe(true);
  });

  it('refuses a weak password or a missing one when not run in a terminal, creating nobody', async () => {
    const weak = await createSuperuser(['--username', 'weakling', '--password', '1234']);
    const missing = await createSuperuser(['--username', 'nopassword']);

    expect(weak.code).not.toBe(0);
    expect(weak.output).toContain('password must be at least 8 characters long');
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('--password');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE username IN ('weakling', 'nopassword')`);
    expect(count).toBe(0);
  });
});
