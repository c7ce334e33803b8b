/**
 * Shared helpers for benchmarks: medians, options, and the final JSON line the bench contract
 * (/work/shared/contracts/bench.md) requires as the last line on stdout.
 */
export interface BenchOptions {
  size?: number;
  runs?: number;
  /** Any other `--key value` pairs, for benchmark-specific options. */
  extra: Record<string, string>;
}

export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number; unit: string };
  higherIsBetter: boolean;
  size: number;
  runs: number;
  notes: string;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints the contract's JSON line (ratio = value / baseline.value) and returns it. */
export function printResult(result: BenchResult): string {
  const line = JSON.stringify({
    bench: result.bench,
    metric: result.metric,
    value: round(result.value, 1),
    unit: result.unit,
    baseline: { ...result.baseline, value: round(result.baseline.value, 1) },
    ratio: round(result.value / result.baseline.value, 4),
    higherIsBetter: result.higherIsBetter,
    size: result.size,
    runs: result.runs,
    notes: result.notes,
  });
  process.stdout.write(`${line}\n`);
  return line;
}

/** Parses `--size N --runs N --key value` into options; rejects malformed numbers. */
export function parseBenchArgs(args: string[]): BenchOptions {
  const options: BenchOptions = { extra: {} };
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(args[i]);
    if (!m) throw new Error(`unexpected argument: ${args[i]}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    if (m[1] === 'size' || m[1] === 'runs') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${m[1]} must be a positive integer, got ${value}`);
      options[m[1]] = n;
    } else options.extra[m[1]] = value;
  }
  return options;
}
