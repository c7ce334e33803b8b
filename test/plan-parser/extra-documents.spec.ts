import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, type ParsedPlan, type PlanItem } from '@duban/plan-parser';

/** Documents from other cities and sectors (test/fixtures/plan-parse/extra), written for these specs. */
const EXTRA = join(process.cwd(), 'test/fixtures/plan-parse/extra');
const load = (name: string) => parsePlan({ bytes: readFileSync(join(EXTRA, name)), fileName: name });
const item = (plan: ParsedPlan, path: string): PlanItem => {
  const found = plan.items.find((i) => i.path === path);
  if (!found) throw new Error(`no item ${path} in ${plan.items.map((i) => i.path).join(', ')}`);
  return found;
};
const shape = (plan: ParsedPlan) =>
  plan.items.map((i) => ({
    path: i.path,
    kind: i.kind,
    departments: i.departments,
    deadline: i.deadline,
    recurrence: i.recurrence,
    targets: i.targets.map((t) => [t.value, t.comparator]),
  }));

describe('Nanning health plan (other city, other sector)', () => {
  let plan: ParsedPlan;
  beforeAll(async () => {
    plan = await load('nanning-2024-health-action-plan.txt');
  });

  it('reads the metadata from the notice, not from the cited regional plan', () => {
    expect(plan).toMatchObject({
      title: '南宁市基层卫生健康服务能力提升行动方案',
      issuers: ['南宁市人民政府办公室'],
      docNumber: '南府办〔2024〕9号',
      issueDate: '2024-03-27',
      period: { start: 2024, end: 2026 },
      script: 'simplified',
    });
  });

  it('finds every task, with framing and safeguard sections kept apart', () => {
    expect(plan.items.filter((i) => i.kind === 'task').map((i) => i.path)).toEqual([
      '二.(一).1', '二.(一).2', '二.(一).3', '二.(二).4', '二.(二).5', '二.(二).6', '二.(三).7', '二.(三).8', '三.(一)', '三.(二)',
    ]);
    expect(item(plan, '一').kind).toBe('heading');
  });

  it('assigns units from parentheses, labelled fields and attribution sentences', () => {
    expect(item(plan, '二.(一).1').departments).toEqual({ lead: ['市卫生健康委'], support: ['市财政局', '市人力资源社会保障局'] });
    // "列第一位者为牵头单位" is stated in 三.(一): the first unit of a plain list leads.
    expect(item(plan, '二.(一).2').departments).toEqual({ lead: ['市卫生健康委'], support: ['各县（市、区）人民政府'] });
    expect(item(plan, '二.(二).4').departments).toEqual({ lead: ['市卫生健康委'], support: ['市委编办', '市人力资源社会保障局'] });
    expect(item(plan, '二.(三).8').departments).toEqual({ lead: ['市疾控中心'], support: [] });
  });

  it('reads deadlines, cadences and targets', () => {
    expect(item(plan, '二.(一).1')).toMatchObject({ deadline: '2024-06-30', deadlineText: '2024年6月底前' });
    expect(item(plan, '二.(二).4')).toMatchObject({ deadline: '2025-06-30', recurrence: 'annual' });
    expect(item(plan, '二.(三).8')).toMatchObject({ deadline: '2024-09-30' });
    expect(item(plan, '二.(二).5')).toMatchObject({ recurrence: 'quarterly', targets: [{ value: 75, unit: '%', comparator: '~' }] });
    expect(item(plan, '二.(二).6').targets.map((t) => [t.value, t.unit, t.comparator])).toEqual([
      [65, '%', '>='],
      [60, '%', '>='],
      [10, '/10万', '<='],
      [4, '‰', '<='],
    ]);
    // A subsidy standard (不低于94元) is a parameter, not an outcome.
    expect(item(plan, '二.(三).7').targets).toEqual([]);
  });

  it('parses the GB18030 and BOM copies identically', async () => {
    expect(await load('nanning-2024-health-action-plan.gb18030.txt')).toEqual(plan);
    expect(await load('nanning-2024-health-action-plan.bom.txt')).toEqual(plan);
  });

  it('parses the traditional-character copy to the same structure, keeping the original text', async () => {
    const trad = await load('nanning-2024-health-action-plan.traditional.txt');
    expect(trad.script).toBe('traditional');
    expect(trad.items.map((i) => [i.path, i.kind, i.deadline, i.recurrence, i.targets.length])).toEqual(
      plan.items.map((i) => [i.path, i.kind, i.deadline, i.recurrence, i.targets.length]),
    );
    expect(item(trad, '二.(一).2').departments).toEqual({ lead: ['市衛生健康委'], support: ['各縣（市、區）人民政府'] });
    expect(item(trad, '二.(一).1').title).toBe('推進緊密型縣域醫共體建設');
    expect(trad.title).toBe('南寧市基層衛生健康服務能力提升行動方案');
  });

  it('parses a truncated copy as far as it goes', async () => {
    const cut = await load('nanning-2024-health-action-plan.truncated.txt');
    const paths = cut.items.map((i) => i.path);
    expect(paths.at(-1)).toBe('二.(二).5');
    expect(shape(cut).slice(0, 4)).toEqual(shape(plan).slice(0, 4));
    // The rule "列第一位者为牵头单位" was in the lost part: a plain list now leads together.
    expect(item(cut, '二.(一).2').departments.lead).toEqual(['市卫生健康委', '各县（市、区）人民政府']);
  });
});

describe('task tables copied from web pages', () => {
  it('reads a table flattened to one cell per line', async () => {
    const plan = await load('hangzhou-2024-education-key-tasks-table.txt');
    expect(plan).toMatchObject({ title: '2024年全市教育工作重点任务分解表', issuers: ['杭州市教育局'], issueDate: '2024-02-18', period: { start: 2024, end: 2024 } });
    expect(plan.items.map((i) => [i.path, i.kind])).toEqual([
      ['一', 'heading'], ['一.1', 'task'], ['一.2', 'task'], ['一.3', 'task'], ['二', 'heading'], ['二.4', 'task'], ['二.5', 'task'],
    ]);
    expect(item(plan, '一.1')).toMatchObject({
      departments: { lead: ['计划建设处'], support: ['各区、县（市）教育局'] },
      deadline: '2024-12-31',
      targets: [{ value: 50, unit: '所' }, { value: 45000, unit: '个' }],
    });
    expect(item(plan, '一.2').deadline).toBe('2024-10-31');
    expect(item(plan, '二.4')).toMatchObject({ recurrence: 'semester', departments: { support: ['市教育发展研究院', '各区、县（市）教育局'] } });
    expect(item(plan, '二.5').recurrence).toBe('long-term');
  });

  it('reads `cell | cell` rows, ignoring the column of leaders’ names', async () => {
    const plan = await load('suzhou-2023-vocational-tasks-pipe.txt');
    expect(plan.items.filter((i) => i.kind === 'task').map((i) => i.path)).toEqual(['一.1', '一.2', '二.3', '二.4']);
    expect(item(plan, '一.1')).toMatchObject({ departments: { lead: ['市教育局'], support: ['市发展改革委', '市财政局'] }, deadline: '2025-12-31' });
    expect(item(plan, '二.3')).toMatchObject({ departments: { lead: ['市人社局'], support: ['市教育局', '市工业和信息化局'] }, deadline: '2025-12-31' });
    expect(item(plan, '二.4')).toMatchObject({ recurrence: 'annual', targets: [{ value: 10, unit: '场', comparator: '>=' }] });
    const everyone = plan.items.flatMap((i) => [...i.departments.lead, ...i.departments.support]);
    expect(everyone).not.toContain('张伟');
  });
});

describe('work points with 第N部分 / 1) numbering and a footer (Chengdu, civil affairs)', () => {
  let plan: ParsedPlan;
  beforeAll(async () => {
    plan = await load('chengdu-2024-elderly-care-work-points.txt');
  });

  it('reads metadata and stops items at the signature and the 抄送 footer', () => {
    expect(plan).toMatchObject({
      title: '2024年全市养老服务工作要点',
      issuers: ['成都市民政局'],
      docNumber: '成民发〔2024〕3号',
      issueDate: '2024-02-04',
      period: { start: 2024, end: 2024 },
    });
    expect(item(plan, '第二部分.三.2)').text).not.toMatch(/抄送|成都市民政局/);
  });

  it('finds tasks under 第二部分 and keeps 总体要求 a heading', () => {
    expect(plan.items.filter((i) => i.kind === 'task').map((i) => i.path)).toEqual([
      '第二部分.一.1)', '第二部分.一.2)', '第二部分.二.1)', '第二部分.二.2)', '第二部分.三.1)', '第二部分.三.2)',
    ]);
    expect(item(plan, '第一部分').kind).toBe('heading');
  });

  it('reads wrapped items, 责任处室 fields, 年内 and undated month deadlines', () => {
    expect(item(plan, '第二部分.一.1)')).toMatchObject({
      departments: { lead: ['养老服务处'], support: [] },
      targets: [{ value: 30, unit: '个', comparator: '=' }, { value: 60, unit: '%', comparator: '>=' }],
    });
    expect(item(plan, '第二部分.一.2)')).toMatchObject({ deadline: '2024-12-31', departments: { lead: ['社会救助处', '养老服务处'] } });
    expect(item(plan, '第二部分.二.1)')).toMatchObject({ recurrence: 'quarterly', departments: { lead: ['养老服务处'], support: ['各区（市）县民政局'] } });
    expect(item(plan, '第二部分.三.2)')).toMatchObject({ deadline: '2024-12-31', deadlineText: '12月底前' });
  });
});

describe('a task table whose cells wrap over several lines (Wuhan, transport)', () => {
  it('joins wrapped cells and reads cadence cells', async () => {
    const plan = await load('wuhan-2023-transport-tasks-wrapped-cells.txt');
    expect(plan.title).toBe('武汉市交通运输局2023年重点工作任务分工表');
    expect(plan.items.map((i) => i.path)).toEqual(['一', '一.1', '一.2', '二', '二.3']);
    expect(item(plan, '一.1')).toMatchObject({
      text: '建成轨道交通12号线江北段，新增运营里程20公里',
      departments: { lead: ['建设管理处'], support: ['市城建局', '各区人民政府'] },
      deadline: '2023-12-31',
    });
    expect(item(plan, '一.2')).toMatchObject({ recurrence: 'long-term', deadline: null });
    expect(item(plan, '二.3')).toMatchObject({ recurrence: 'quarterly', departments: { lead: ['安全监督处'], support: ['各区交通运输局'] } });
  });
});
