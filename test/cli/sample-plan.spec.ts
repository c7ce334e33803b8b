import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRegistryFile } from '@duban/registry';
import { demoScenario, DEMO_MISASSIGNMENT, itemNumber } from '../../apps/cli/src/commands/demo-scenario.js';
import { registryFile, samplePlanFile } from '../../apps/cli/src/commands/repo-paths.js';
import { actionItems, departmentsUsed, loadSamplePlan, SamplePlanError } from '../../apps/cli/src/commands/sample-plan.js';

const registry = loadRegistryFile(registryFile('chuxiong'));
const plan = loadSamplePlan(samplePlanFile('chuxiong'), registry);

describe('the Chuxiong sample plan', () => {
  it('carries the document metadata', () => {
    expect(plan.title).toContain('楚雄州教育高质量发展三年行动实施方案');
    expect(plan.issuers).toEqual(['中共楚雄州委办公室', '楚雄州人民政府办公室']);
    expect(plan.issueDate).toBe('2023-10-10');
    expect([plan.periodStart, plan.periodEnd]).toEqual([2023, 2025]);
  });

  it('has the 7 actions of 三、重点任务 as headings and their 23 tasks numbered 1..23 in order', () => {
    const headings = plan.items.filter((i) => !i.lead);
    expect(headings.map((h) => h.path)).toEqual(['三', '三.(一)', '三.(二)', '三.(三)', '三.(四)', '三.(五)', '三.(六)', '三.(七)']);
    const tasks = actionItems(plan);
    expect(tasks.map((t) => itemNumber(t.path))).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // Each task sits under an action heading that comes before it.
    for (const t of tasks) expect(headings.some((h) => t.path.startsWith(`${h.path}.`) && h.path !== '三')).toBe(true);
  });

  it('gives every task a lead, registry-known supports and a deadline inside the plan period', () => {
    const codes = new Set(registry.departments.map((d) => d.code));
    for (const t of actionItems(plan)) {
      expect(codes.has(t.lead)).toBe(true);
      for (const s of t.support ?? []) expect(codes.has(s)).toBe(true);
      expect(t.deadline).toMatch(/^202[345]-12-31$/);
      expect(t.text?.startsWith(t.heading)).toBe(true);
    }
  });

  it('has the education bureau lead most tasks, with finance and HR among the supports', () => {
    const tasks = actionItems(plan);
    expect(tasks.filter((t) => t.lead === 'chuxiong.edu').length).toBeGreaterThan(tasks.length / 2);
    const used = departmentsUsed(plan);
    for (const code of ['chuxiong.finance', 'chuxiong.hrss', 'chuxiong.party.organization', 'chuxiong.party.publicity', 'chuxiong.health', 'chuxiong.ndrc']) {
      expect(used).toContain(code);
    }
  });

  it('the demo scenario is in time order and touches only tasks the plan assigns (plus the deliberate slip)', () => {
    const steps = demoScenario(plan);
    const assigned = new Set(actionItems(plan).flatMap((t) => [t.lead, ...(t.support ?? [])].map((c) => `${itemNumber(t.path)}:${c}`)));
    assigned.add(`${DEMO_MISASSIGNMENT.item}:${DEMO_MISASSIGNMENT.department}`);
    for (const [i, s] of steps.entries()) {
      expect(assigned.has(`${s.item}:${s.assignedTo}`)).toBe(true);
      if (i > 0) expect(Date.parse(s.at)).toBeGreaterThanOrEqual(Date.parse(steps[i - 1].at));
    }
    const actions = new Set(steps.map((s) => s.action));
    for (const a of ['accept', 'report_progress', 'submit', 'return', 'approve', 'decline', 'reassign', 'request_extension', 'grant_extension'] as const) {
      expect(actions.has(a)).toBe(true);
    }
  });
});

describe('loadSamplePlan', () => {
  const write = (content: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-plan-')), 'plan.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('names the item and the code when a department is not in the registry', () => {
    const file = write({ ...plan, items: [{ path: '三.(一).1', heading: 'x', lead: 'chuxiong.nowhere', support: [] }] });
    expect(() => loadSamplePlan(file, registry)).toThrow(SamplePlanError);
    expect(() => loadSamplePlan(file, registry)).toThrow(/三\.\(一\)\.1.*unknown department code "chuxiong.nowhere"/);
  });

  it('rejects a lead that is also a support, and a bad deadline', () => {
    const file = write({
      ...plan,
      items: [{ path: '1', heading: 'x', lead: 'chuxiong.edu', support: ['chuxiong.edu'], deadline: '2025-13-01' }],
    });
    expect(() => loadSamplePlan(file, registry)).toThrow(/both lead and support/);
    expect(() => loadSamplePlan(file, registry)).toThrow(/deadline not YYYY-MM-DD: 2025-13-01/);
  });
});
