import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Behind PgBouncer in transaction mode a server connection changes hands after every transaction,
// so SQL must keep nothing in the session (docs/scaling.md). The scale drill runs every request
// through such a pooler, but what a session keeps does not fail there: it leaks to another
// client. So the SQL in src/ is read for the statements that would.
const SESSION_STATEFUL: [string, RegExp][] = [
  // Upper case, as all SQL here is written: messages that tell a person to "set DATA_DIR to" are not SQL.
  ['session-level SET (use SET LOCAL inside the transaction)', /[`'";]\s*SET\s+(?!LOCAL\b)(SESSION\s+)?\w+\s*(=|TO\b)/],
  ['LISTEN or UNLISTEN (use Redis pub/sub)', /[`'";]\s*(UN)?LISTEN\s/i],
  ['session advisory lock (use pg_advisory_xact_lock)', /pg_(try_)?advisory_(lock|unlock)(_shared)?\s*\(/i],
  ['named prepared statement', /[`'";]\s*PREPARE\s|\.query\(\s*\{[^}]*\bname\s*:/i],
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('SQL safe behind a transaction pooler', () => {
  const sources = sourceFiles(join(__dirname, '..')).map((path) => ({ path, code: withoutComments(readFileSync(path, 'utf8')) }));

  it.each(SESSION_STATEFUL)('sends no %s', (_what, pattern) => {
    expect(sources.filter(({ code }) => pattern.test(code)).map(({ path }) => path)).toEqual([]);
  });

  it('catches each of them (the patterns are not dead)', () => {
    const samples = ['`SET statement_timeout = 5`', "'LISTEN cache'", 'pg_advisory_lock(42)', "client.query({ name: 'book', text })"];
    expect(SESSION_STATEFUL.map(([, pattern], index) => pattern.test(samples[index]))).toEqual([true, true, true, true]);
    expect(SESSION_STATEFUL.some(([, pattern]) => pattern.test('`SET LOCAL lock_timeout = 5; UPDATE events SET available = 1`'))).toBe(
      false,
    );
    expect(SESSION_STATEFUL.some(([, pattern]) => pattern.test('`set DATA_DIR to a writable folder`'))).toBe(false);
  });
});
