import { median } from './percentile';
import { BenchRun, printRows } from './report';

const COLUMNS = ['round', 'A req/s', 'B req/s', 'B/A', 'A CPU ms/req', 'B CPU ms/req', 'B/A'];

type Series = (number | undefined)[];

/** One table per scenario: each round's A and B, then their medians, with B/A of each row. */
export function printAbTables(a: BenchRun[], b: BenchRun[]): void {
  const scenarios = new Set([...a, ...b].flatMap((run) => run.results.map((result) => result.scenario)));
  for (const scenario of scenarios) {
    const seriesOf = (runs: BenchRun[], figure: 'perSecond' | 'serverCpuMsPerRequest'): Series =>
      runs.map((run) => run.results.find((result) => result.scenario === scenario)?.[figure]);
    const series = [
      seriesOf(a, 'perSecond'),
      seriesOf(b, 'perSecond'),
      seriesOf(a, 'serverCpuMsPerRequest'),
      seriesOf(b, 'serverCpuMsPerRequest'),
    ];
    const row = (name: string, pick: (values: Series) => number | undefined) => {
      const [perSecondA, perSecondB, cpuA, cpuB] = series.map(pick);
      return [
        name,
        shown(perSecondA, 0),
        shown(perSecondB, 0),
        shown(ratio(perSecondB, perSecondA), 2),
        shown(cpuA, 2),
        shown(cpuB, 2),
        shown(ratio(cpuB, cpuA), 2),
      ];
    };
    console.log(`\n${scenario}\n`);
    printRows(COLUMNS, [...a.map((_, round) => row(String(round + 1), (values) => values[round])), row('median', medianOf)]);
  }
}

/** Blank when a run lacks the figure: a scenario only one side has, or the raw-SQL loads' server CPU. */
function medianOf(values: Series): number | undefined {
  return values.every((value) => value !== undefined) ? median(values as number[]) : undefined;
}

function ratio(over?: number, under?: number): number | undefined {
  return over === undefined || !under ? undefined : over / under;
}

function shown(value: number | undefined, digits: number): string {
  return value === undefined ? '-' : value.toFixed(digits);
}
