// A second app process for the lock tests: the same app on the same database (DATABASE_URL and
// settings come from the parent's environment), in a process of its own, so no in-process queue
// can stand in for the database lock. `--without-row-lock` runs the negative control's variant.
// Prints `{"baseUrl": ...}` once listening; closes on SIGTERM.
import 'reflect-metadata';

import { startTestApp } from './test-app';
import { withoutRowLock } from './without-row-lock';

async function main(): Promise<void> {
  const t = await startTestApp(process.argv.includes('--without-row-lock') ? withoutRowLock : undefined);
  process.once('SIGTERM', () => void t.close().then(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ baseUrl: t.baseUrl })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`app process failed to start: ${error.message}\n`);
  process.exit(1);
});
