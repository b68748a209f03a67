import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

export interface AppProcess {
  http: TestAgent;
  close(): Promise<void>;
}

/**
 * Starts test/support/app-process.ts as a child process with this process's environment (so the
 * same database and settings) and resolves once it listens.
 */
export async function startAppProcess(args: string[] = []): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', `${__dirname}/app-process.ts`, ...args], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error('the app process exited before it listened')));
  });
  const { baseUrl } = JSON.parse(firstLine) as { baseUrl: string };
  return {
    http: request(baseUrl),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
