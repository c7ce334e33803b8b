import { readFile } from 'node:fs/promises';
import { DubanError, isUuid } from '@duban/access';
import { SystemClock } from '@duban/clock';
import { readEnv } from '@duban/config';
import type { Audience } from '@duban/escalation';
import { createDataSource } from '@duban/persistence';
import { PlanPolicyUseCase, PlanService, type PlanPolicyView } from '@duban/plans';

interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = [
  'usage: npm run duban -- plan policy <planId> [--set <file.json>] [--json]',
  '  --set   replace the plan\'s overrides with the JSON object in the file ({} restores the defaults);',
  '          its open tasks are re-planned at the next sweep',
  '  --json  print the policy as the API answers it',
].join('\n');

export interface PlanPolicyOptions {
  planId: string;
  set: string | null;
  json: boolean;
}

export function parsePlanPolicyArgs(args: string[]): PlanPolicyOptions | string {
  const opts: PlanPolicyOptions = { planId: '', set: null, json: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') opts.json = true;
    else if (a === '--set') {
      const v = args[++i];
      if (!v || v.startsWith('--')) return '--set needs a JSON file';
      opts.set = v;
    } else if (a.startsWith('--')) return `unknown option: ${a}`;
    else positional.push(a);
  }
  if (positional.length !== 1) return positional.length ? 'give exactly one plan id' : 'no plan id given';
  if (!isUuid(positional[0]!)) return `not a plan id: "${positional[0]}"`;
  opts.planId = positional[0]!;
  return opts;
}

const AUDIENCE_ZH: Record<Audience, string> = { lead: '牵头单位', support: '配合单位', 'coordinating-office': '督查室', leadership: '分管领导' };
const ACTION_ZH = { urge: '催办', supervise: '督办', escalate: '升级' } as const;
const COLOUR_ZH = { yellow: '黄灯', red: '红灯' } as const;

/** The policy as an official reads it, one line per part; the plan's own settings are marked. */
export function formatPlanPolicy(title: string, v: PlanPolicyView): string {
  const p = v.policy;
  const mark = (...fields: string[]) => (fields.some((f) => v.overridden.some((o) => o === f || o.startsWith(`${f}.`))) ? '（本计划设置）' : '（默认）');
  const who = (list: Audience[]) => list.map((a) => AUDIENCE_ZH[a]).join('、');
  const days = [...p.reminders.workingDaysBefore].sort((a, b) => b - a).map((d) => (d === 0 ? '到期当日' : `T-${d}`));
  const rules = p.ladder.rules.map(
    (r) => `+${r.workingDaysAfter} ${COLOUR_ZH[r.colour]}${ACTION_ZH[r.action]}→${who(r.audience)}${r.flagInterview ? '，约谈' : ''}${r.critical ? '，紧急' : ''}`,
  );
  const t = p.trafficLight;
  return [
    `计划「${title}」（${v.planId}）的督办规则${v.overridden.length ? `，本计划设置了：${v.overridden.join('、')}` : '：全部为默认规则'}${v.updatedAt ? `（${v.updatedAt} 设置）` : ''}`,
    `  提醒${mark('reminders')}：${days.join('、') || '无'}，${p.reminders.sendAt} 发送，通知${who(p.reminders.audience)}`,
    `  逾期${mark('ladder')}：${rules.join('；') || '不升级'}（工作日，${p.ladder.sendAt} 发送）`,
    `  亮灯${mark('trafficLight')}：落后序时进度 ${t.yellowBehind} 分起黄灯，超过 ${t.redBehind} 分红灯，领先 ${t.blueAhead} 分起蓝灯`,
    `  免打扰${mark('quietHours')}：${p.quietHours ? `${p.quietHours.start}–${p.quietHours.end}（紧急消息除外）` : '无'}`,
    `  截止日遇节假日${mark('rollDeadlineToWorkingDay')}：${p.rollDeadlineToWorkingDay ? '顺延至下一个工作日' : '不顺延'}`,
  ].join('\n');
}

async function readOverrides(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DubanError('invalid', `${file}：${(err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DubanError('invalid', `${file} 不是有效的 JSON：${(err as Error).message}`);
  }
}

export const command: Command = {
  async run(args) {
    const opts = parsePlanPolicyArgs(args);
    if (typeof opts === 'string') {
      process.stderr.write(`plan policy: ${opts}\n${USAGE}\n`);
      return 2;
    }
    const ds = createDataSource(readEnv().databaseUrl);
    await ds.initialize();
    try {
      // An operator at the database's console: no login, so no actor; the plan is named by its id.
      const clock = new SystemClock();
      const policies = new PlanPolicyUseCase(ds, new PlanService(ds, clock));
      const view = opts.set
        ? await policies.replaceAsOperator(opts.planId, await readOverrides(opts.set), clock.now())
        : await policies.viewAsOperator(opts.planId);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      } else {
        const [plan] = await ds.query(`SELECT title FROM plans WHERE id = $1`, [opts.planId]);
        process.stdout.write(`${formatPlanPolicy(plan.title, view)}\n`);
        if ('replannedTasks' in view) process.stdout.write(`已保存；${view.replannedTasks} 项未办结任务将在下一次督办扫描时按新规则重新计算。\n`);
      }
      return 0;
    } catch (error) {
      if (!(error instanceof DubanError)) throw error;
      process.stderr.write(`plan policy: ${error.message}\n`);
      return 1;
    } finally {
      await ds.destroy();
    }
  },
};
