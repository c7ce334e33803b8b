import { join } from 'node:path';
import { isCivilDate } from '@duban/domain';
import { readEnv } from '@duban/config';
import { CalendarRepository, DeadlineSimulation, parseStep, type MonthSummary } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';
import type { DataSource } from 'typeorm';

/** Local shape of main.ts's CliCommand (importing it would run main.ts again). */
interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run duban -- simulate --from YYYY-MM-DD --to YYYY-MM-DD [--step 1d|12h|30m]';

function parseArgs(args: string[]): { from: string; to: string; stepMs: number } {
  const opts: Record<string, string> = { step: '1d' };
  for (let i = 0; i < args.length; i++) {
    const m = /^--(from|to|step)(?:=(.*))?$/.exec(args[i]!);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(args[i])}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    opts[m[1]!] = value;
  }
  for (const k of ['from', 'to'] as const) {
    if (!opts[k]) throw new Error(`--${k} is required`);
    if (!isCivilDate(opts[k]!)) throw new Error(`--${k} must be a date YYYY-MM-DD, got ${JSON.stringify(opts[k])}`);
  }
  if (opts.to! < opts.from!) throw new Error(`--to ${opts.to} is before --from ${opts.from}`);
  return { from: opts.from!, to: opts.to!, stepMs: parseStep(opts.step!) };
}

/** Loads seeds/calendar when the database has no holiday calendar yet; returns how many years it loaded. */
export async function ensureCalendar(ds: DataSource): Promise<number> {
  const calendar = new CalendarRepository(ds);
  if ((await calendar.loadYears()).length) return 0;
  return (await calendar.importDirectory(join(process.cwd(), 'seeds/calendar'), new Date())).length;
}

/** One month of the simulation as the simulate command (and the demo) prints it. */
export function line(m: MonthSummary): string {
  const e = m.escalations;
  return (
    `${m.month}  提醒 ${m.reminders}  报送提醒 ${m.reportRequests}  催办 ${e.urge}  督办 ${e.supervise}  升级 ${e.escalate}  ` +
    `跳过(过时) ${m.superseded}  消息 ${m.sent} 已发 / ${m.skipped} 撤回 / ${m.failed} 失败  日报 ${m.digests}`
  );
}

/**
 * Runs the deadline engine over the plans in DATABASE_URL under a simulated clock, one tick per
 * --step, and prints a per-month summary. It records steps and notifications like the worker
 * would (use a demo database); external channels are counting stubs, nothing is sent.
 */
export const command: Command = {
  async run(args) {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs(args);
    } catch (err) {
      process.stderr.write(`simulate: ${(err as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const ds = createDataSource(readEnv().databaseUrl);
    await ds.initialize();
    try {
      const loaded = await ensureCalendar(ds);
      if (loaded) process.stderr.write(`simulate: no holiday calendar in the database; loaded ${loaded} years from seeds/calendar\n`);
      const open = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE next_action_at IS NOT NULL`);
      process.stdout.write(`模拟 ${parsed.from} 至 ${parsed.to}，步长 ${parsed.stepMs / 60_000} 分钟；待跟踪任务 ${open[0].n} 项\n`);
      const started = Date.now();
      const result = await new DeadlineSimulation(ds).run(parsed);
      for (const m of result.months) process.stdout.write(`${line(m)}\n`);
      const sum = (f: (m: MonthSummary) => number) => result.months.reduce((a, m) => a + f(m), 0);
      process.stdout.write(
        `合计  提醒 ${sum((m) => m.reminders)}  催办/督办/升级 ${sum((m) => m.escalations.urge)}/${sum((m) => m.escalations.supervise)}/` +
          `${sum((m) => m.escalations.escalate)}  日报 ${sum((m) => m.digests)}  （${result.ticks} 个时间步，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`,
      );
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
