import { LoadResult } from './load-result';

const COLUMNS = ['scenario', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'errors'];

export function printTable(results: LoadResult[]): void {
  printRows(
    COLUMNS,
    results.map((result) => [
      result.scenario,
      String(result.clients),
      result.perSecond.toFixed(0),
      result.p50Ms.toFixed(1),
      result.p99Ms.toFixed(1),
      result.serverCpuMsPerRequest === undefined ? '-' : result.serverCpuMsPerRequest.toFixed(2),
      String(result.errors),
    ]),
  );
}

/** A Markdown table, ready to paste into the docs: the first column left-aligned, the figures right. */
export function printRows(columns: string[], rows: string[][]): void {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => (index ? cell.padStart(widths[index]) : cell.padEnd(widths[index]))).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((width, index) => (index ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export interface Target {
  name: string;
  value: string;
  met: boolean;
}

export function printTargets(targets: Target[]): void {
  for (const target of targets) console.log(`${target.met ? 'met ' : 'MISS'}  ${target.name}: ${target.value}`);
}

/** What one `bench/run.ts --json FILE` run writes: its table, notes (the Node first) and targets. */
export interface BenchRun {
  results: LoadResult[];
  notes: string[];
  targets: Target[];
}
