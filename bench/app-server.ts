import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../src/database/free-port';

export interface AppServer {
  baseUrl: string;
  /** Resident memory now and at its peak, in MB, read from /proc. */
  memory(): { rssMb: number; peakRssMb: number };
  /** CPU time used so far, user and system, all threads, in ms, read from /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Serves the production bundle (`node dist/main`, built first unless `built`) on the given database. */
export async function startProductionServer(databaseUrl: string, extraEnv: Record<string, string> = {}, built = false): Promise<AppServer> {
  if (!built) buildProductionBundle();
  const env = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(32).toString('hex'), ...extraEnv };
  return startServer(['dist/main'], env, '/api/health/');
}

/** `npm run build` in `directory`: the production bundle that `node dist/main` serves. */
export function buildProductionBundle(directory = process.cwd()): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: directory, stdio: 'inherit' });
}

/** Serves one of the bench's own servers (floor-server.ts, hello-server.ts), compiled on load as the bench is. */
export function startBenchServer(file: string): Promise<AppServer> {
  return startServer(['-r', 'ts-node/register/transpile-only', join(__dirname, file)], { NODE_ENV: 'production' }, '/');
}

/** Runs a server on this bench's Node and a free port, once `readyPath` answers 2xx. */
async function startServer(args: string[], env: Record<string, string>, readyPath: string): Promise<AppServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${baseUrl}${readyPath}`, child);
  return {
    baseUrl,
    memory: () => memoryOf(child.pid!),
    cpuMs: () => cpuMsOf(child.pid!),
    stop: () => stopProcess(child),
  };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (hasExited(child)) throw new Error(`the server exited with ${child.signalCode ?? `code ${child.exitCode}`}`);
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within 30 s`);
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kilobytes('VmRSS') / 1024), peakRssMb: Math.round(kilobytes('VmHWM') / 1024) };
}

// /proc reports CPU time in clock ticks of USER_HZ: 100 a second on x86 and ARM Linux.
const MS_PER_CLOCK_TICK = 10;

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (in parentheses, and it may hold spaces): utime and stime are 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A server killed by a signal has no exit code, and its 'exit' has been and gone: waiting for it
 * would leave nothing in the event loop, and the bench would end with status 0 and no figures.
 */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
