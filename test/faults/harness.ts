// Shared by the fault and multi-instance drills: a PostgreSQL, the compiled app as child
// processes, HTTP helpers and the checks they print. Loopback only, bounded in time.
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Client } from 'pg';

import { ensureEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { freePort } from '../../src/database/free-port';

export const WORKDIR = mkdtempSync(join(tmpdir(), 'evently-drill-'));
chmodSync(WORKDIR, 0o755); // the embedded PostgreSQL runs as its own user and must reach its folder inside
const failures: string[] = [];
let checks = 0;

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Records and prints one check; the drill exits non-zero if any failed. */
export function check(what: string, ok: boolean, detail = ''): void {
  checks++;
  if (!ok) failures.push(what);
  say(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`);
}

/**
 * Prints the summary and exits. The logs in WORKDIR are kept after a failure, unless the drill
 * cleans WORKDIR up itself (`cleansUp`).
 */
export function finish(options: { cleansUp: boolean } = { cleansUp: false }): never {
  say(`\n${checks - failures.length} passed, ${failures.length} failed`);
  if (failures.length) say(`failed: ${failures.join('; ')}${options.cleansUp ? '' : `\napp logs in ${WORKDIR}`}`);
  else if (!options.cleansUp) rmSync(WORKDIR, { recursive: true, force: true });
  process.exit(failures.length ? 1 : 0);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface Database {
  url: string;
  /** Stops and starts the server again on the same port; undefined for a given server we must not stop. */
  restartable?: { stop(): Promise<void>; start(): Promise<void> };
  close(): Promise<void>;
}

/** DATABASE_URL / TEST_DATABASE_URL (a fresh database on it), or an embedded PostgreSQL of our own. */
export async function startDatabase(): Promise<Database> {
  const given = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) {
    const name = `evently_drill_${process.pid}`;
    await sql(given, `CREATE DATABASE ${name}`);
    const url = new URL(given);
    url.pathname = `/${name}`;
    return { url: url.toString(), close: async () => void (await sql(given, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
  }
  const dataDir = join(WORKDIR, 'pg');
  const port = await freePort();
  const settings = { max_connections: '200' };
  let server = await ensureEmbeddedPostgres({ dataDir, port, settings, persistent: true });
  return {
    url: server.url,
    restartable: {
      stop: () => server.stop(),
      start: async () => void (server = await ensureEmbeddedPostgres({ dataDir, port, settings, persistent: true })),
    },
    close: () => server.stop(),
  };
}

export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface App {
  name: string;
  base: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  output(): string;
}

/** `node dist/main` with its own port; resolves once /api/health/ answers 200. */
export async function startApp(name: string, env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const log = createWriteStream(join(WORKDIR, `${name}.log`), { flags: 'a' });
  let output = '';
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  const app: App = { name, base: `http://127.0.0.1:${port}`, process: child, exited, output: () => output };
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start:\n${output}`);
    if ((await call(app, 'GET', '/api/health/')).status === 200) return app;
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become healthy in 60 s:\n${output}`);
}

export interface Answer {
  /** HTTP status, or 0 when no answer came (connection refused or reset). */
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * Anything answering HTTP: an instance, or the load balancer in front of several. With an agent,
 * requests go through it (an https.Agent with the CA to verify the server against, or the local
 * address to connect from) instead of fetch, which takes neither.
 */
export interface Target {
  base: string;
  agent?: http.Agent;
}

const NO_ANSWER = (): Answer => ({ status: 0, body: {}, headers: new Headers() });

function parsed(status: number, headers: Headers, text: string): Answer {
  // A proxy's own error pages (HAProxy's 502) are HTML: the status is the answer then.
  const json = headers.get('content-type')?.includes('json');
  return { status, body: json && text ? JSON.parse(text) : {}, headers };
}

function callThrough(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const sent = client.request(url, { method, headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => resolve(NO_ANSWER()));
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          for (const one of [value ?? []].flat()) answerHeaders.append(name, one);
        resolve(parsed(response.statusCode ?? 0, answerHeaders, Buffer.concat(chunks).toString()));
      });
    });
    sent.on('timeout', () => sent.destroy());
    sent.on('error', () => resolve(NO_ANSWER()));
    sent.end(body);
  });
}

export async function call(
  app: Target,
  method: string,
  path: string,
  options: { body?: object; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = { 'content-type': 'application/json', ...options.headers };
  const body = options.body ? JSON.stringify(options.body) : undefined;
  if (app.agent) return callThrough(app.agent, new URL(`${app.base}${path}`), method, headers, body);
  try {
    const response = await fetch(`${app.base}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    return parsed(response.status, response.headers, await response.text());
  } catch {
    return NO_ANSWER();
  }
}

/** Runs `count` requests, `concurrency` at a time. */
export async function storm(count: number, concurrency: number, request: (index: number) => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) answers.push(await request(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

export function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
    .join(', ');
}

export interface Buyer {
  userId: string;
  auth: string;
}

/** Registers users through the API and gives them keys; the first is made staff in SQL. */
export async function makeUsers(
  app: Target,
  databaseUrl: string,
  count: number,
  prefix: string,
): Promise<{ staff: Buyer; buyers: Buyer[] }> {
  const users: Buyer[] = [];
  for (let index = 0; index <= count; index++) {
    const credentials = { username: `${prefix}${index}`, password: 'drill-password-1' };
    await call(app, 'POST', '/api/auth/register/', { body: credentials });
    const { body } = await call(app, 'POST', '/api/auth/token/', { body: credentials });
    users.push({ userId: String(body.user_id), auth: `Token ${body.token}` });
  }
  await sql(databaseUrl, 'UPDATE users SET is_staff = true WHERE id = $1', [users[0].userId]);
  return { staff: users[0], buyers: users.slice(1) };
}

export async function makeEvent(app: Target, staff: Buyer, capacity: number): Promise<string> {
  const { body } = await call(app, 'POST', '/api/events/', {
    headers: { authorization: staff.auth },
    body: { name: 'Drill', venue: 'Hall', starts_at: '2031-01-01T19:00:00Z', capacity, price: '10.00' },
  });
  return String(body.event_id);
}

export interface LedgerRow {
  event_id: string;
  capacity: number;
  available: number;
  confirmed: number;
  bookings: number;
  audited: number;
}

/** Per event: capacity, seats left, confirmed tickets, and bookings against their audit rows. */
export function ledger(databaseUrl: string): Promise<LedgerRow[]> {
  return sql<LedgerRow>(
    databaseUrl,
    `SELECT e.id AS event_id, e.capacity, e.available_tickets AS available,
            COALESCE(SUM(b.number_of_tickets) FILTER (WHERE b.status = 'confirmed'), 0)::int AS confirmed,
            COUNT(b.id)::int AS bookings,
            (SELECT COUNT(*) FROM audit_entries a WHERE a.event_id = e.id AND a.action = 'booking.created')::int AS audited
     FROM events e LEFT JOIN bookings b ON b.event_id = e.id GROUP BY e.id ORDER BY e.created_at`,
  );
}

/** confirmed + available = capacity for every event, and every booking has its audit row. */
export async function checkBooksBalance(databaseUrl: string, label: string): Promise<void> {
  const rows = await ledger(databaseUrl);
  for (const row of rows)
    say(
      `    event ${row.event_id.slice(0, 8)}: capacity ${row.capacity}, confirmed ${row.confirmed}, available ${row.available}, bookings ${row.bookings}, audited ${row.audited}`,
    );
  check(
    `${label}: confirmed + available = capacity for all ${rows.length} events`,
    rows.every((row) => row.confirmed + row.available === row.capacity),
  );
  check(
    `${label}: no booking without its audit row (no half-written booking)`,
    rows.every((row) => row.bookings === row.audited),
  );
}

/**
 * Runs a drill's `main` with what every drill needs around it: `cleanUp` (synchronous) on any exit,
 * an exit on SIGINT or SIGTERM, and an abort past `deadlineMs`.
 */
export function runDrill(main: () => Promise<void>, options: { deadlineMs: number; cleanUp: (exitCode: number) => void }): void {
  process.on('exit', options.cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  setTimeout(() => {
    say(`drill aborted: not done in ${options.deadlineMs / 60_000} minutes`);
    process.exit(2);
  }, options.deadlineMs).unref();
  main().catch((error: Error) => {
    say(`drill aborted: ${error.stack}`);
    process.exit(2);
  });
}
