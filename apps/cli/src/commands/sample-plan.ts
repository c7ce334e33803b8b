import { readFileSync } from 'node:fs';
import { isCivilDate } from '@duban/domain';
import type { PlanTarget } from '@duban/persistence';
import type { Registry } from '@duban/registry';

/** A heading (一、/（一）) or, when it names a lead department, an action that becomes tasks. */
export interface SamplePlanItem {
  path: string;
  heading: string;
  text?: string;
  /** Registry code of the lead department (牵头单位). */
  lead?: string;
  /** Registry codes of the support departments (配合单位). */
  support?: string[];
  deadline?: string;
  targets?: PlanTarget[];
}

/** `seeds/plans/<name>.json`: a plan written by hand from a real document, for the demo. */
export interface SamplePlan {
  jurisdiction: string;
  title: string;
  issuers: string[];
  docNumber: string | null;
  issueDate: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  source?: string;
  items: SamplePlanItem[];
}

export class SamplePlanError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: invalid sample plan:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SamplePlanError';
  }
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads and checks a sample plan; with a registry, every department code must be one of its departments. */
export function loadSamplePlan(file: string, registry?: Registry): SamplePlan {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SamplePlanError(file, [(err as Error).message]);
  }
  const problems: string[] = [];
  const plan = json as SamplePlan;
  if (typeof plan !== 'object' || plan === null) throw new SamplePlanError(file, ['not a JSON object']);
  if (typeof plan.title !== 'string' || !plan.title.trim()) problems.push('title: missing');
  if (typeof plan.jurisdiction !== 'string') problems.push('jurisdiction: missing');
  if (!isStringArray(plan.issuers)) problems.push('issuers: expected an array of names');
  if (plan.issueDate != null && !isCivilDate(plan.issueDate)) problems.push(`issueDate: not YYYY-MM-DD: ${plan.issueDate}`);
  if (!Array.isArray(plan.items) || plan.items.length === 0) problems.push('items: expected a non-empty array');
  const codes = registry ? new Set(registry.departments.map((d) => d.code)) : null;
  if (registry && plan.jurisdiction !== registry.jurisdiction) {
    problems.push(`jurisdiction: "${plan.jurisdiction}" but the registry is "${registry.jurisdiction}"`);
  }
  for (const [i, item] of (Array.isArray(plan.items) ? plan.items : []).entries()) {
    const at = `items[${i}] (${item?.path ?? '?'})`;
    if (typeof item?.path !== 'string' || typeof item.heading !== 'string') {
      problems.push(`${at}: path and heading are required`);
      continue;
    }
    if (item.lead === undefined) continue;
    if (item.deadline !== undefined && !isCivilDate(item.deadline)) problems.push(`${at}: deadline not YYYY-MM-DD: ${item.deadline}`);
    const support = item.support ?? [];
    if (!isStringArray(support)) problems.push(`${at}: support: expected an array of department codes`);
    if (support.includes(item.lead)) problems.push(`${at}: ${item.lead} is both lead and support`);
    if (new Set(support).size !== support.length) problems.push(`${at}: support lists a department twice`);
    for (const code of [item.lead, ...support]) {
      if (codes && !codes.has(code)) problems.push(`${at}: unknown department code "${code}" (not in the ${registry!.jurisdiction} registry)`);
    }
  }
  if (problems.length) throw new SamplePlanError(file, problems);
  return plan;
}

/** Items that become tasks (they name a lead department), in document order. */
export function actionItems(plan: SamplePlan): Array<SamplePlanItem & { lead: string }> {
  return plan.items.filter((i): i is SamplePlanItem & { lead: string } => typeof i.lead === 'string');
}

/** Every department code the plan assigns work to, lead first per item, each once. */
export function departmentsUsed(plan: SamplePlan): string[] {
  const seen = new Set<string>();
  for (const item of actionItems(plan)) for (const code of [item.lead, ...(item.support ?? [])]) seen.add(code);
  return [...seen];
}
