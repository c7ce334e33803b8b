import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_INPUT_BYTES, parsePlan, PlanParseError } from '@duban/plan-parser';

/** Local shape of main.ts's CliCommand (importing it would load main.ts again at run time). */
interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run --silent duban -- plan parse <file> [--json]';

export const command: Command = {
  async run(args: string[]): Promise<number> {
    const files = args.filter((a) => !a.startsWith('--'));
    const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
    if (files.length !== 1 || unknown.length) {
      process.stderr.write(`${unknown.length ? `unknown option: ${unknown.join(' ')}\n` : ''}${USAGE}\n`);
      return 2;
    }
    const file = files[0];
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error(`${file} is not a file`);
      if (info.size > MAX_INPUT_BYTES) throw new PlanParseError('TOO_LARGE', `${file}`);
      const bytes = await readFile(file);
      const plan = await parsePlan({ bytes, fileName: basename(file) });
      process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      return 0;
    } catch (err) {
      if (err instanceof PlanParseError) {
        process.stderr.write(`plan parse: ${file}: ${err.message} [${err.code}]\n`);
        return 1;
      }
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(`plan parse: ${file}: ${e.code === 'ENOENT' ? '文件不存在 (no such file)' : e.message}\n`);
      return 1;
    }
  },
};
