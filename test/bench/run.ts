import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchArgs, type BenchOptions } from './bench-result.js';

/** `npm run bench -- <name> [--size N] [--runs N]`: loads test/bench/<name>.bench.ts and runs it. */
interface BenchModule {
  run(options: BenchOptions): Promise<void>;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const here = dirname(fileURLToPath(import.meta.url));
  if (!name || !/^[a-z0-9-]+$/.test(name)) {
    process.stderr.write('usage: npm run bench -- <name> [--size N] [--runs N]\n');
    return 2;
  }
  const file = join(here, `${name}.bench.ts`);
  if (!existsSync(file)) {
    process.stderr.write(`no benchmark named "${name}" (expected ${file})\n`);
    return 2;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(rest);
  } catch (err) {
    process.stderr.write(`bench ${name}: ${(err as Error).message}\n`);
    return 2;
  }
  const mod = (await import(pathToFileURL(file).href)) as BenchModule;
  if (typeof mod.run !== 'function') {
    process.stderr.write(`${file} does not export run(options)\n`);
    return 2;
  }
  await mod.run(options);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
