import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AssessmentService, ScoreQueryService, ScoreRecomputeUseCase, SchemeVersionService, topDeductions, type ScoreTable } from '@duban/assessment';
import { SystemClock } from '@duban/clock';
import { readEnv } from '@duban/config';
import { createDataSource } from '@duban/persistence';

interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = [
  'usage: npm run duban -- scores <year> [--jurisdiction <code>] [--recompute]',
  '       npm run duban -- scores <year> --jurisdiction <code> --open [--scheme <id>[@<version>]]',
  '  --open     register the schemes of seeds/scoring (idempotent), open the year for the jurisdiction, score it',
].join('\n');

export interface ScoresOptions {
  year: number;
  jurisdiction: string | null;
  recompute: boolean;
  open: boolean;
  scheme: { id: string; version: number | null } | null;
}

export function parseScoresArgs(args: string[]): ScoresOptions | string {
  const opts: ScoresOptions = { year: 0, jurisdiction: null, recompute: false, open: false, scheme: null };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--recompute') opts.recompute = true;
    else if (a === '--open') opts.open = true;
    else if (a === '--scheme') {
      const v = args[++i];
      const m = v ? /^([a-z0-9-]+)(?:@(\d+))?$/.exec(v) : null;
      if (!m) return `--scheme needs <id>[@<version>], got ${v === undefined ? 'nothing' : `"${v}"`}`;
      opts.scheme = { id: m[1], version: m[2] ? Number(m[2]) : null };
    } else if (a === '--jurisdiction') {
      const v = args[++i];
      if (!v || v.startsWith('--')) return '--jurisdiction needs a department code';
      opts.jurisdiction = v;
    } else if (a.startsWith('--')) return `unknown option: ${a}`;
    else positional.push(a);
  }
  if (positional.length !== 1) return positional.length ? 'give exactly one year' : 'no year given';
  if (!/^\d{4}$/.test(positional[0])) return `year must be four digits, got "${positional[0]}"`;
  opts.year = Number(positional[0]);
  if (opts.open && !opts.jurisdiction) return '--open needs --jurisdiction <code>';
  if (opts.scheme && !opts.open) return '--scheme only goes with --open';
  return opts;
}

/** The table as officials read it: per peer group, rank, unit, score, grade and what cost most. */
export function formatScoreTable(table: ScoreTable): string {
  const state = table.status === 'finalized' ? '已定稿' : '未定稿';
  const out = [`${table.jurisdiction.name} ${table.year}年度考核  方案：${table.scheme.name}（第${table.scheme.version}版）  ${state}  截至${table.asOf ?? '-'}`];
  if (table.groups.length === 0) out.push('（尚无得分：请先运行 --recompute，或等待评分任务完成）');
  for (const group of table.groups) {
    const distribution = Object.entries(group.distribution).map(([grade, n]) => `${grade}${n}`).join(' ');
    out.push('', `【${group.name}】${group.departments.length}个单位  ${distribution}`, '名次  得分     等次  单位  主要扣分');
    for (const d of group.departments) {
      out.push(`${String(d.rank).padStart(4)}  ${d.score.toFixed(2).padStart(7)}  ${d.grade.padEnd(3, '　')} ${d.name}  ${topDeductions(d, table.scheme.ruleLabels) || '—'}`);
    }
  }
  return out.join('\n');
}

/** Registers every scheme file of seeds/scoring and opens the year for the jurisdiction. */
async function openYear(ds: DataSource, schemes: SchemeVersionService, assessments: AssessmentService, opts: ScoresOptions): Promise<void> {
  const dir = join(process.cwd(), 'seeds/scoring');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    await schemes.register(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  const [root] = await ds.query(`SELECT id FROM departments WHERE code = $1`, [opts.jurisdiction]);
  if (!root) throw new Error(`没有编码为 ${opts.jurisdiction} 的单位`);
  const schemeId = opts.scheme?.id ?? 'default';
  const versions = (await schemes.list()).filter((v) => v.schemeId === schemeId).map((v) => v.version);
  if (versions.length === 0) throw new Error(`没有考核方案 ${schemeId}`);
  await assessments.open({ year: opts.year, jurisdictionId: root.id, schemeId, schemeVersion: opts.scheme?.version ?? Math.max(...versions) });
}

export async function scoresTable(ds: DataSource, opts: ScoresOptions): Promise<ScoreTable> {
  const schemes = new SchemeVersionService(ds);
  const assessments = new AssessmentService(ds, schemes);
  if (opts.open) await openYear(ds, schemes, assessments, opts);
  const rows: Array<{ id: string; code: string }> = await ds.query(
    `SELECT a.id, d.code FROM assessments a JOIN departments d ON d.id = a.jurisdiction_id
      WHERE a.year = $1 AND ($2::text IS NULL OR d.code = $2) ORDER BY d.code`,
    [opts.year, opts.jurisdiction],
  );
  if (rows.length === 0) throw new Error(`没有${opts.year}年度的考核${opts.jurisdiction ? `（辖区 ${opts.jurisdiction}）` : ''}`);
  if (rows.length > 1) throw new Error(`${opts.year}年度有多个辖区的考核，请用 --jurisdiction 指定：${rows.map((r) => r.code).join('、')}`);
  const ref = await assessments.byId(rows[0].id);
  if ((opts.recompute || opts.open) && ref.assessment.status === 'open') {
    await new ScoreRecomputeUseCase(ds, new SystemClock(), schemes).recomputeAll(ref.assessment.id);
  }
  return new ScoreQueryService(ds, assessments, schemes).tableOf(await assessments.byId(rows[0].id));
}

export const command: Command = {
  async run(args) {
    const opts = parseScoresArgs(args);
    if (typeof opts === 'string') {
      process.stderr.write(`scores: ${opts}\n${USAGE}\n`);
      return 2;
    }
    const ds = createDataSource(readEnv().databaseUrl);
    await ds.initialize();
    try {
      process.stdout.write(`${formatScoreTable(await scoresTable(ds, opts))}\n`);
      return 0;
    } catch (error) {
      process.stderr.write(`scores: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await ds.destroy();
    }
  },
};
