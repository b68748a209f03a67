// `npm run test:compose`: docker-compose.yml started for real with Debian's podman-compose (1.0.3),
// the default profile and then the `scale` one, and booked through. What podman-compose 1.0.3 and
// this machine cannot do is said at the start, with what the drill does instead; the compose file
// itself is the project's, unchanged, with only the public images swapped for stand-ins (an
// override file, printed). Exits non-zero if a check failed; removes its containers and volumes.
import { spawnSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { connect } from 'node:tls';

import { freePort } from '../../src/database/free-port';
import { call, check, finish, runDrill, say, sleep, Target, WORKDIR } from '../faults/harness';
import { bookwormImage, configurePodman, drillBase, ensureToolsNamed, PODMAN_TOOLS, run, runOrThrow } from './podman';
import { sellOut } from './sell-out';
import { buildStandIns, STAND_INS } from './stand-ins';

const ROOT = resolve(__dirname, '../..');
const PROJECT = 'evently-drill';
const OVERRIDE = join(WORKDIR, 'docker-compose.drill.yml');
const DB_PORT = 55432; // docker-compose.yml publishes db there, on 127.0.0.1
const DATABASE_URL = `postgres://evently:evently@127.0.0.1:${DB_PORT}/evently`;
const DEADLINE_MS = 30 * 60_000;
const started = Date.now();
const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;
let composeEnv: NodeJS.ProcessEnv = process.env;

const compose = (args: string[]) =>
  run('podman-compose', ['-p', PROJECT, '-f', join(ROOT, 'docker-compose.yml'), '-f', OVERRIDE, ...args], {
    log: 'compose',
    env: composeEnv,
    timeoutMs: 10 * 60_000,
  });
const container = (service: string) => `${PROJECT}_${service}_1`;

/** `up -d --no-build` of the services (and, podman-compose's way, their dependencies, without waiting for them). */
async function up(services: string[]): Promise<void> {
  const ran = await compose(['up', '-d', '--no-build', ...services]);
  if (ran.status !== 0)
    say(`  podman-compose up ${services.join(' ')} exited ${ran.status}: ${ran.output.trim().split('\n').slice(-3).join(' | ')}`);
}

/**
 * Runs each service's health check (podman healthcheck run: podman's own timers need systemd) until
 * it passes, as `condition: service_healthy` would wait.
 */
async function waitHealthy(services: string[], timeoutSeconds = 120): Promise<boolean> {
  const since = Date.now();
  const pending = new Set(services);
  for (const deadline = Date.now() + timeoutSeconds * 1000; pending.size && Date.now() < deadline; await sleep(1_000)) {
    for (const service of [...pending])
      if ((await run('podman', ['healthcheck', 'run', container(service)], { log: 'health' })).status === 0) pending.delete(service);
  }
  check(
    `${services.join(', ')} healthy (their health checks, run by the drill) in ${seconds(since)}`,
    !pending.size,
    pending.size ? `not healthy: ${[...pending].join(', ')}; ${await lastLogs([...pending])}` : '',
  );
  return !pending.size;
}

/** Waits for a one-shot service to exit, as `condition: service_completed_successfully` would. */
async function waitCompleted(service: string): Promise<{ ok: boolean; logs: string }> {
  const { stdout } = await run('podman', ['wait', container(service)], { log: 'compose', timeoutMs: 180_000 });
  const logs = (await run('podman', ['logs', container(service)], { log: 'compose' })).output.trim();
  const ok = stdout.trim() === '0';
  check(`${service} ran to completion (exit code ${stdout.trim()})`, ok, ok ? '' : logs.split('\n').slice(-5).join(' | '));
  return { ok, logs };
}

async function lastLogs(services: string[]): Promise<string> {
  const tails = [];
  for (const service of services)
    tails.push(
      `${service}: ${(await run('podman', ['logs', '--tail', '4', container(service)], { log: 'compose' })).output.trim().replace(/\s+/g, ' ')}`,
    );
  return tails.join('; ');
}

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  const free = await Promise.race([once(server, 'listening').then(() => true), once(server, 'error').then(() => false)]);
  server.close();
  return free;
}

async function defaultProfile(appPort: number): Promise<void> {
  say('\nthe default profile: db, redis, migrate, app');
  await up(['db', 'redis']);
  if (!(await waitHealthy(['db', 'redis']))) return;
  await up(['migrate']);
  if (!(await waitCompleted('migrate')).ok) return;
  await up(['app']);
  if (!(await waitHealthy(['app']))) return;
  const app: Target = { base: `http://127.0.0.1:${appPort}` };
  const answer = await call(app, 'GET', '/api/events/');
  check(
    `app answers on the published port ${appPort}, plain HTTP, no HSTS`,
    answer.status === 200 && !answer.headers.get('strict-transport-security'),
  );
  await sellOut(app, DATABASE_URL, 'default profile');
}

async function scaleProfile(ports: { http: number; https: number }, certsFolder: string): Promise<void> {
  say('\nthe scale profile: replica, pgbouncer, certificate, app1..app3, haproxy (db, redis and migrate from above)');
  await up(['replica', 'pgbouncer', 'certificate']);
  const certificate = await waitCompleted('certificate');
  check(
    'with no certificate mounted, the stack made a self-signed one and its log says so',
    /SELF-SIGNED/.test(certificate.logs),
    certificate.logs.slice(0, 160),
  );
  if (!(await waitHealthy(['replica']))) return;
  await up(['app1', 'app2', 'app3']);
  if (!(await waitHealthy(['app1', 'app2', 'app3'], 180))) return;
  await up(['haproxy']);

  const pem = readFileSync(join(certsFolder, 'evently.pem'));
  const proxy: Target = { base: `https://127.0.0.1:${ports.https}`, agent: new https.Agent({ ca: pem, keepAlive: true }) };
  let healthy = false;
  for (const deadline = Date.now() + 60_000; !healthy && Date.now() < deadline; await sleep(500))
    healthy = (await call(proxy, 'GET', '/api/health/')).status === 200;
  check(`haproxy answers over HTTPS on ${ports.https}`, healthy, healthy ? '' : await lastLogs(['haproxy']));
  if (!healthy) return;

  const socket = connect({ host: '127.0.0.1', port: ports.https, ca: pem, ALPNProtocols: ['h2', 'http/1.1'] });
  await once(socket, 'secureConnect');
  const presented = socket.getPeerX509Certificate();
  const [authorized, protocol, alpn] = [socket.authorized, socket.getProtocol(), socket.alpnProtocol];
  socket.destroy();
  check(
    "HAProxy presents the stack's certificate, verified against it",
    authorized && presented?.fingerprint256 === new X509Certificate(pem).fingerprint256,
    `${protocol}, ALPN ${alpn}`,
  );
  const redirected = await call({ base: `http://127.0.0.1:${ports.http}`, agent: new http.Agent() }, 'GET', '/api/events/?page=2');
  check(
    `plain HTTP on ${ports.http} answered 308 to HTTPS`,
    redirected.status === 308 && redirected.headers.get('location') === `https://127.0.0.1:${ports.https}/api/events/?page=2`,
    `${redirected.status} ${redirected.headers.get('location')}`,
  );
  const served = new Set<string>();
  for (let read = 0; read < 9; read++) served.add((await call(proxy, 'GET', '/api/events/')).headers.get('x-served-by') ?? '?');
  check(
    'reads spread over app1, app2 and app3',
    ['app1', 'app2', 'app3'].every((name) => served.has(name)),
    [...served].join(', '),
  );
  const health = await call(proxy, 'GET', '/api/health/');
  const replicas = (health.body.replicas ?? []) as { status: string }[];
  check(
    'the instances see the streaming replica (health: ok, replica up)',
    health.body.status === 'ok' && replicas[0]?.status === 'up',
    JSON.stringify(health.body.replicas),
  );

  const credentials = { username: `composetls${Date.now().toString(36)}`, password: 'drill-password-1' };
  await call(proxy, 'POST', '/api/auth/register/', { body: credentials });
  const login = await call(proxy, 'POST', '/api/auth/login/', { body: credentials });
  const cookie = login.headers.getSetCookie().find((line) => line.startsWith('evently.sid=')) ?? '';
  check(
    'through HAProxy over HTTPS: Secure session cookie and HSTS (TRUST_PROXY=1 believes its X-Forwarded-Proto)',
    /; Secure/.test(cookie) && Boolean(login.headers.get('strict-transport-security')),
  );
  await sellOut(proxy, DATABASE_URL, 'scale profile, through HAProxy over HTTPS, via PgBouncer');
  await rotateCertificate(ports.https, certsFolder, new X509Certificate(pem).fingerprint256);
}

async function presentedFingerprint(port: number): Promise<string | undefined> {
  const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  try {
    await once(socket, 'secureConnect');
    return socket.getPeerX509Certificate()?.fingerprint256;
  } catch {
    return undefined;
  } finally {
    socket.destroy();
  }
}

/** docs/deployment.md's rotation: a new file moved over the old one, then SIGHUP to HAProxy. */
async function rotateCertificate(port: number, certsFolder: string, before: string): Promise<void> {
  const file = join(certsFolder, 'evently.pem');
  await runOrThrow(process.execPath, [join(ROOT, 'deploy/tls/first-start-certificate.js'), `${file}.new`, 'localhost,127.0.0.1'], {
    log: 'compose',
  });
  renameSync(`${file}.new`, file);
  const after = new X509Certificate(readFileSync(file)).fingerprint256;
  await run('podman', ['kill', '-s', 'HUP', container('haproxy')], { log: 'compose' });
  const since = Date.now();
  let presented = await presentedFingerprint(port);
  for (const deadline = Date.now() + 20_000; presented !== after && Date.now() < deadline; await sleep(250))
    presented = await presentedFingerprint(port);
  check(
    `rotation: a new evently.pem moved in place and SIGHUP to haproxy, served in ${seconds(since)} (docs/deployment.md)`,
    before !== after && presented === after,
  );
}

async function main(): Promise<void> {
  say('Evently compose drill: docker-compose.yml with podman-compose, the default and scale profiles');
  const missing = ensureToolsNamed({ ...PODMAN_TOOLS, '/usr/bin/podman-compose': 'podman-compose' });
  if (missing.length) {
    say(`skipped: ${missing.join(', ')} not found (run as root on Debian to have them installed)`);
    return finish();
  }
  say(`podman: ${configurePodman()}`);
  const version =
    (await run('podman-compose', ['version'], { log: 'compose' })).stdout.match(/podman-compose(?:r)? version\s+(\S+)/)?.[1] ?? 'unknown';
  const pull = await run('podman', ['pull', '--quiet', `docker.io/library/${STAND_INS.redis.replaces}`], {
    log: 'compose',
    timeoutMs: 60_000,
  });
  const pullError = pull.output.trim().split('\n').at(-1) ?? '';
  const profileFlag =
    (await run('podman-compose', ['--profile', 'scale', 'version'], { log: 'compose' })).output.trim().split('\n').at(-1) ?? '';
  say(`\nwhat podman-compose ${version} and this machine cannot do, and what the drill does instead:`);
  say(
    `  - the public images cannot be pulled (podman pull ${STAND_INS.redis.replaces}: ${pull.status === 0 ? 'pulled after all' : pullError}):`,
  );
  say('    an override file swaps in stand-ins made here from Debian bookworm packages (test/deploy/stand-ins.ts):');
  for (const standIn of Object.values(STAND_INS)) say(`      ${standIn.replaces} -> ${standIn.image} (${standIn.what})`);
  say('    and evently:local is built from the Dockerfile with NODE_IMAGE set to the drill base, as test:image does;');
  say(`  - it has no profiles (\`--profile scale\`: "${profileFlag}"; the key is ignored, every service belongs to the project):`);
  say("    the drill names the services to start, the default profile's first, then the scale profile's;");
  say('  - it ignores depends_on conditions (it starts dependencies first, waiting for none): the drill starts the');
  say('    services in the order the conditions give, waiting itself for each health check and one-shot job;');
  say('  - podman runs health checks from systemd timers, and there is no systemd here: the drill runs them (podman healthcheck run);');
  say('  - it leaves `${NAME:-}` (an empty default) unsubstituted, which the app rightly refuses (METRICS_TOKEN, CORS_ORIGINS):');
  say('    the override sets those two to empty for the app services.');

  if (!(await portFree(DB_PORT))) {
    check(`127.0.0.1:${DB_PORT} is free for the db service to publish`, false, 'something else listens there');
    return finish();
  }
  let since = Date.now();
  const base = await drillBase();
  const bookworm = await bookwormImage();
  say(`\nbase ${base.image}: ${base.made}; stand-ins ${await buildStandIns(bookworm.image)} (${seconds(since)})`);
  since = Date.now();
  const built = await run(
    'podman',
    ['build', '--format', 'docker', '--build-arg', `NODE_IMAGE=${base.image}`, '-t', 'localhost/evently:local', ROOT],
    {
      log: 'build',
      timeoutMs: 20 * 60_000,
    },
  );
  check(
    `evently:local built (${seconds(since)})`,
    built.status === 0,
    built.status ? built.output.trim().split('\n').slice(-4).join(' | ') : '',
  );
  if (built.status !== 0) return finish();

  const certsFolder = join(WORKDIR, 'certs');
  const images = Object.entries({ db: 'postgres', replica: 'postgres', redis: 'redis', pgbouncer: 'pgbouncer', haproxy: 'haproxy' }).map(
    ([service, standIn]) => [service, { image: STAND_INS[standIn as keyof typeof STAND_INS].image }],
  );
  // podman-compose 1.0.3 leaves `${NAME:-}` (an empty default) as it is written; the variables the
  // compose file defaults to empty get their empty value here instead.
  const emptyDefaults = ['migrate', 'app', 'app1', 'app2', 'app3', 'certificate'].map((service) => [
    service,
    { environment: { METRICS_TOKEN: '', CORS_ORIGINS: '' } },
  ]);
  const services = Object.fromEntries([...images, ...emptyDefaults]);
  writeFileSync(OVERRIDE, JSON.stringify({ services }, null, 2)); // JSON is YAML
  say(`override ${OVERRIDE}: ${JSON.stringify(services)}`);
  const ports = { app: await freePort(), http: await freePort(), https: await freePort() };
  composeEnv = {
    ...process.env,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    EVENTLY_PORT: String(ports.app),
    EVENTLY_SCALE_PORT: String(ports.http),
    EVENTLY_SCALE_HTTPS_PORT: String(ports.https),
    EVENTLY_CERTS: certsFolder,
    LOG_LEVEL: 'warn',
  };
  await removeStack(); // what an aborted run may have left
  since = Date.now();
  await defaultProfile(ports.app);
  say(`  (default profile: ${seconds(since)})`);
  since = Date.now();
  await scaleProfile(ports, certsFolder);
  say(`  (scale profile: ${seconds(since)})`);
  removeStack();
  say(`\ndrill took ${seconds(started)} in all, with the stack's removal`);
  finish();
}

/** Synchronous, so it also runs on exit (after WORKDIR, and the override in it, is gone): the project's containers, volumes and network. */
function removeStack(): void {
  const label = `label=io.podman.compose.project=${PROJECT}`;
  const ids = spawnSync('podman', ['ps', '-aq', '--filter', label], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean) ?? [];
  if (ids.length) spawnSync('podman', ['rm', '-f', '-t', '5', ...ids], { stdio: 'ignore' });
  spawnSync('podman', ['volume', 'rm', '-f', `${PROJECT}_pgdata`, `${PROJECT}_replicadata`], { stdio: 'ignore' });
  // A container with a restart policy may still be on its way out: the network goes once it is.
  for (let attempt = 0; attempt < 10; attempt++) {
    if (spawnSync('podman', ['network', 'exists', `${PROJECT}_default`]).status !== 0) break;
    spawnSync('podman', ['network', 'rm', '-f', `${PROJECT}_default`], { stdio: 'ignore' });
    spawnSync('sleep', ['1']);
  }
}

runDrill(main, { deadlineMs: DEADLINE_MS, cleanUp: removeStack });
