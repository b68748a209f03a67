import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const DOCUMENT = 'openapi/evently.json';
interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  ignored?: boolean;
}

const REGENERATE = 'run `npm run openapi` and commit what it changes';

/** Runs a package's command-line tool from the project root and returns what it printed. */
function runTool(bin: string, args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
}

/** A failed comparison says first how to fix it, then shows the difference. */
function expectUpToDate(check: () => void, what: string): void {
  try {
    check();
  } catch (error) {
    throw new Error(`${what} is out of date: ${REGENERATE}.\n\n${(error as Error).message}`, { cause: error });
  }
}

describe(`${DOCUMENT}, the OpenAPI document the frontends are generated from`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is exactly what the server publishes at /api/docs-json', async () => {
    const committed: unknown = JSON.parse(readFileSync(join(ROOT, DOCUMENT), 'utf8'));

    const published = await t.http.get('/api/docs-json').expect(200);

    expectUpToDate(() => expect(published.body).toEqual(committed), DOCUMENT);
  });

  it('passes Redocly’s recommended rules (openapi/redocly.yaml) with no error and no warning', () => {
    // Redocly exits 1 on errors; the JSON report on stdout is read either way. Problems listed in
    // openapi/.redocly.lint-ignore.yaml, each with its reason, are counted apart as ignored.
    let report: string;
    try {
      report = runTool('@redocly/cli/bin/cli.js', ['lint', DOCUMENT, '--config', 'openapi/redocly.yaml', '--format=json']);
    } catch (error) {
      report = (error as { stdout: string }).stdout;
    }
    const { totals, problems } = JSON.parse(report) as { totals: { errors: number; warnings: number }; problems: Problem[] };

    const reported = problems.filter(({ ignored }) => !ignored).map(({ ruleId, severity, message }) => `${severity} ${ruleId}: ${message}`);
    expect(reported).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('is what the TypeScript client’s types (clients/typescript/src/schema.ts) were generated from', () => {
    const generated = runTool('openapi-typescript/bin/cli.js', [DOCUMENT]);

    expectUpToDate(
      () => expect(generated).toBe(readFileSync(join(ROOT, 'clients/typescript/src/schema.ts'), 'utf8')),
      'clients/typescript/src/schema.ts',
    );
  });
});
