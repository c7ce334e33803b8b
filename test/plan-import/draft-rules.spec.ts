import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildDraft, draftProblems, proposeDeadline, type DatedItem, type ProblemAssignment } from '@duban/plan-import';
import type { ParsedPlan, PlanItem } from '@duban/plan-parser';
import { createResolver, loadRegistryFile } from '@duban/registry';

const registry = loadRegistryFile(join(process.cwd(), 'seeds/registry/chuxiong.json'));
const allIds = new Map(registry.departments.map((d) => [d.code, `id:${d.code}`]));

function item(path: string, over: Partial<PlanItem> = {}): PlanItem {
  return {
    path, kind: 'task', title: path, text: path, departments: { lead: [], support: [] },
    deadline: null, deadlineText: null, recurrence: null, targets: [], source: { line: 1 }, ...over,
  };
}

function plan(items: PlanItem[], period: ParsedPlan['period'] = { start: 2023, end: 2025 }): ParsedPlan {
  return { title: '测试方案', issuers: [], docNumber: null, issueDate: null, period, script: 'simplified', items };
}

describe('proposeDeadline', () => {
  const dated = (path: string, deadline: string | null, deadlineText: string | null, text = path): DatedItem => ({ path, deadline, deadlineText, text });

  it('calls a date the item names itself "stated"', () => {
    const it1 = dated('一.1', '2024-06-30', '2024年6月底前', '一.1 2024年6月底前完成');
    expect(proposeDeadline(it1, new Map([['一', dated('一', '2025-12-31', '到2025年')]]), 2025)).toEqual({ deadline: '2024-06-30', source: 'stated' });
  });

  it('calls a date passed down from a heading "inherited"', () => {
    const heading = dated('二.(二)', '2023-12-31', '2023年', '2023年重点建机制');
    const child = dated('二.(二).1', '2023-12-31', '2023年', '健全思政课一体化建设机制');
    expect(proposeDeadline(child, new Map([[heading.path, heading]]), 2025)).toEqual({ deadline: '2023-12-31', source: 'inherited' });
  });

  it("falls back to the plan's last day, and to none without a period", () => {
    const bare = dated('三.1', null, null);
    expect(proposeDeadline(bare, new Map(), 2025)).toEqual({ deadline: '2025-12-31', source: 'plan_end' });
    expect(proposeDeadline(bare, new Map(), null)).toEqual({ deadline: null, source: 'none' });
  });
});

describe('buildDraft', () => {
  const resolver = createResolver(registry);

  it('resolves names, lets a lead win over the same unit as support, and keeps unresolved names with their reason', () => {
    const items = buildDraft(plan([
      item('一', { kind: 'heading' }),
      item('一.1', { departments: { lead: ['州教育体育局'], support: ['州教体局', '州财政局', '火星事务管理局'] } }),
    ]), resolver, allIds);
    const a = items[1].assignments;
    expect(a.map((x) => [x.departmentId, x.role])).toEqual([
      ['id:chuxiong.edu', 'lead'],
      ['id:chuxiong.finance', 'support'],
      [null, 'support'],
    ]);
    expect(a[2]).toMatchObject({ sourceName: '火星事务管理局', resolutionStatus: 'unresolved', deadline: '2025-12-31', deadlineSource: 'plan_end' });
    expect(items[0].assignments).toEqual([]);
  });

  it('expands 各县（市、区） to every county-level unit and leaves 各有关部门 to the coordinator', () => {
    const counties = registry.departments.filter((d) => d.kind === 'county').length;
    const [collective, vague] = buildDraft(plan([
      item('1', { departments: { lead: ['各县（市、区）人民政府'], support: [] } }),
      item('2', { departments: { lead: ['州级有关部门'], support: [] } }),
    ]), resolver, allIds);
    expect(collective.assignments.length).toBe(counties);
    expect(collective.assignments.every((x) => x.resolutionStatus === 'collective' && x.departmentId !== null)).toBe(true);
    expect(vague.assignments).toEqual([expect.objectContaining({ departmentId: null, resolutionReason: 'needs_coordinator_choice' })]);
  });

  it("gives an action that names no unit its heading's units, and says so", () => {
    const [, child] = buildDraft(plan([
      item('四', { kind: 'heading', departments: { lead: ['州教育体育局'], support: [] } }),
      item('四.1'),
    ]), resolver, allIds);
    expect(child.assignments).toEqual([expect.objectContaining({ departmentId: 'id:chuxiong.edu', resolutionNote: expect.stringContaining('沿用上级条目 四') })]);
  });

  it('flags a registry unit that is not in the database as unresolved, not as a guess', () => {
    const withoutEdu = new Map([...allIds].filter(([code]) => code !== 'chuxiong.edu'));
    const [one] = buildDraft(plan([item('1', { departments: { lead: ['州教育体育局'], support: [] } })]), resolver, withoutEdu);
    expect(one.assignments).toEqual([expect.objectContaining({ departmentId: null, resolutionStatus: 'unresolved', resolutionReason: 'not_registered' })]);
  });
});

describe('draftProblems', () => {
  const items = [
    { id: 'h', path: '一', kind: 'heading' as const, title: '重点任务' },
    { id: 'a', path: '一.1', kind: 'task' as const, title: '甲' },
    { id: 'b', path: '一.2', kind: 'task' as const, title: '乙' },
    { id: 'c', path: '一.3', kind: 'task' as const, title: '丙' },
  ];
  const assignment = (over: Partial<ProblemAssignment>): ProblemAssignment => ({
    id: 'x', draftItemId: 'a', departmentId: 'd1', sourceName: '州教育体育局', role: 'lead', deadline: '2025-12-31', deadlineSource: 'stated',
    resolutionStatus: 'exact', resolutionReason: 'exact_name', resolutionScore: 1, resolutionNote: null, candidates: [], ...over,
  });

  it('blocks on a missing title, a task without departments or lead, unresolved names and missing deadlines; only warns on guesses and defaults', () => {
    const problems = draftProblems(null, items, [
      assignment({ id: 'a1', role: 'support', resolutionStatus: 'fuzzy', resolutionReason: 'similar', resolutionScore: 0.81, deadlineSource: 'plan_end' }),
      assignment({ id: 'b1', draftItemId: 'b', departmentId: null, sourceName: '州教育局X', resolutionStatus: 'fuzzy', resolutionReason: 'ambiguous', candidates: [{ departmentId: 'd1', code: 'c', name: '楚雄州教育体育局', score: 0.8 }] }),
      assignment({ id: 'b2', draftItemId: 'b', departmentId: null, sourceName: '各有关部门', resolutionStatus: 'collective', resolutionReason: 'needs_coordinator_choice', deadline: null, deadlineSource: 'none' }),
    ]);
    expect(problems.map((p) => [p.code, p.blocking, p.itemPath ?? null])).toEqual([
      ['missing_title', true, null],
      ['no_lead', true, '一.1'],
      ['fuzzy_match', false, '一.1'],
      ['deadline_defaulted', false, '一.1'],
      ['unresolved_department', true, '一.2'],
      ['collective_needs_choice', true, '一.2'],
      ['missing_deadline', true, '一.2'],
      ['no_department', true, '一.3'],
    ]);
    expect(problems.find((p) => p.code === 'unresolved_department')!.message).toContain('楚雄州教育体育局(0.80)');
  });

  it('finds nothing to fix in a settled draft', () => {
    expect(draftProblems('方案', items.slice(0, 2), [assignment({})])).toEqual([]);
  });
});
