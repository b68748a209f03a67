// `npm run bench:ab -- --base <commit> [--head <commit or directory>] [--rounds 3] [--only a,g] [--seconds 8] [--keep]`:
// an interleaved A/B of bench/run.ts on this machine, in one sitting (README: Performance). A is the base,
// B the head (this checkout unless named); each side is built once, then the rounds run A B A B ..., each
// a fresh bench/run.ts on the same Node, and the medians are compared scenario by scenario.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { printAbTables } from './ab-report';
import { removeSide, Side, sideOf } from './ab-sides';
import { buildProductionBundle } from './app-server';
import { BenchRun } from './report';

const USAGE = 'npm run bench:ab -- --base <commit> [--head <commit or directory>] [--rounds 3] [--only a,g] [--seconds 8] [--keep]';
const { values: options } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
});
const checkout = resolve(__dirname, '..');
const NAMES = ['A', 'B'];

function main(): void {
  const rounds = Number(options.rounds);
  if (!options.base || !(rounds >= 1)) throw new Error(`usage: ${USAGE}`);
  const sides: Side[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'evently-ab-runs-'));
  try {
    sides.push(sideOf(checkout, options.base));
    sides.push(sideOf(checkout, options.head ?? checkout));
    for (const side of sides) {
      step(`building ${side.description}`);
      buildProductionBundle(side.directory);
    }
    const loadAtStart = loadavg()[0];
    const runs: BenchRun[][] = sides.map(() => []);
    for (let round = 1; round <= rounds; round++) {
      sides.forEach((side, index) => {
        step(`round ${round} of ${rounds}, ${NAMES[index]}: ${side.description}`);
        runs[index].push(benchRun(side, join(folder, `${round}-${NAMES[index]}.json`)));
      });
    }
    console.log(`\nnpm run bench:ab -- ${process.argv.slice(2).join(' ')}`);
    sides.forEach((side, index) => console.log(`${NAMES[index]} = ${side.description} (${side.directory})`));
    console.log(
      `Node ${process.version}; A then B, ${rounds} times; load average ${loadAtStart.toFixed(1)} at the first, ${loadavg()[0].toFixed(1)} at the end`,
    );
    console.log('B/A of req/s above 1: B answers more; B/A of CPU ms/req under 1: B spends less on each request');
    printAbTables(runs[0], runs[1]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    if (!options.keep) for (const side of sides) removeSide(checkout, side);
  }
}

/** One bench/run.ts in `side`'s directory, on this runner's Node, serving the dist/ built before. */
function benchRun(side: Side, json: string): BenchRun {
  const args = ['--built', '--json', json, '--seconds', options.seconds, ...(options.only ? ['--only', options.only] : [])];
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/run.ts', ...args], {
    cwd: side.directory,
    stdio: 'inherit',
  });
  if (!existsSync(json)) throw new Error(`bench/run.ts in ${side.directory} ended without its figures`);
  return JSON.parse(readFileSync(json, 'utf8')) as BenchRun;
}

function step(message: string): void {
  console.log(`[bench:ab] ${message}`);
}

try {
  main();
} catch (error) {
  console.error(`bench:ab failed: ${(error as Error).message}`);
  process.exit(1);
}
