import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parsePlan } from '@duban/plan-parser';
import { median, printResult, type BenchOptions } from './bench-result.js';
import { SEED_DOCUMENTS_DIR } from '../support/seed-documents.js';

/**
 * Documents/s through the plan parser over the five seed plans, against the physical floor of the same
 * work: reading the same files and splitting them into lines.
 */
const SEED_DIRS = [SEED_DOCUMENTS_DIR];

function seedFiles(): string[] {
  for (const dir of SEED_DIRS) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
    if (files.length) return files.sort();
  }
  throw new Error(`no seed plans found in ${SEED_DIRS.join(' or ')}`);
}

async function timed(size: number, files: string[], work: (bytes: Buffer, name: string) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < size; i++) {
    const file = files[i % files.length];
    await work(await readFile(file), basename(file));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return size / seconds;
}

export async function run(options: BenchOptions): Promise<void> {
  const size = options.size ?? 200;
  const runs = options.runs ?? 5;
  const files = seedFiles();
  const parse = (bytes: Buffer, fileName: string) => parsePlan({ bytes, fileName });
  const split = async (bytes: Buffer) => bytes.toString('utf8').split(/\r?\n/);

  // Warm-up: JIT, opencc dictionaries, regex compilation.
  await timed(Math.min(size, files.length * 2), files, parse);
  await timed(Math.min(size, files.length * 2), files, split);

  const values: number[] = [];
  const baselines: number[] = [];
  for (let r = 0; r < runs; r++) {
    values.push(await timed(size, files, parse));
    baselines.push(await timed(size, files, split));
    process.stderr.write(`run ${r + 1}/${runs}: parse ${values[r].toFixed(1)} docs/s, read+split ${baselines[r].toFixed(1)} docs/s\n`);
  }
  printResult({
    bench: 'parse',
    metric: 'throughput',
    value: median(values),
    unit: 'documents/s',
    baseline: { name: 'read-and-split-lines', value: median(baselines), unit: 'documents/s' },
    higherIsBetter: true,
    size,
    runs,
    notes: `median of ${runs} runs after 1 warm-up; ${files.length} seed plans cycled; node ${process.version}`,
  });
}
