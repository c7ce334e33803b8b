import type { ParsedPlan, PlanItem } from '@duban/plan-parser';
import type { DepartmentResolver, Resolution } from '@duban/registry';
import type { DeadlineSource, DraftCandidate, PlanTarget } from '@duban/persistence';
import { proposeDeadline, type DatedItem } from './deadline-proposal.js';
import { nearestExisting } from './item-paths.js';

export interface ProposedAssignment {
  departmentId: string | null;
  sourceName: string | null;
  role: 'lead' | 'support';
  deadline: string | null;
  deadlineSource: DeadlineSource | 'none';
  resolutionStatus: string;
  resolutionReason: string;
  resolutionScore: number | null;
  resolutionNote: string | null;
  candidates: DraftCandidate[];
}

export interface ProposedItem {
  path: string;
  kind: 'heading' | 'task';
  title: string;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  recurrence: string | null;
  targets: PlanTarget[];
  sourceLine: number | null;
  assignments: ProposedAssignment[];
}

/** Registry code → department id in the database (departments seeded from the registry). */
export type DepartmentIds = ReadonlyMap<string, string>;

/**
 * Turns the parser's output into the draft's items and proposed tasks: every task item × every
 * department its names resolve to, collectives expanded, unresolved names kept (never dropped, never
 * guessed) with their candidates. A task item naming no department takes its nearest heading's.
 */
export function buildDraft(plan: ParsedPlan, resolver: DepartmentResolver, ids: DepartmentIds): ProposedItem[] {
  const byPath = new Map<string, PlanItem>(plan.items.map((i) => [i.path, i]));
  const dated = byPath as ReadonlyMap<string, DatedItem>;
  const periodEnd = plan.period?.end ?? null;
  return plan.items.map((item) => {
    const proposed: ProposedItem = {
      path: item.path,
      kind: item.kind,
      title: item.title,
      text: item.text,
      deadline: item.deadline,
      deadlineText: item.deadlineText,
      recurrence: item.recurrence,
      targets: item.targets.map((t) => ({ ...t, year: t.year ?? undefined })),
      sourceLine: item.source?.line ?? null,
      assignments: [],
    };
    if (item.kind !== 'task') return proposed;
    const { deadline, source } = proposeDeadline(item, dated, periodEnd);
    const { names, inheritedFrom } = namesFor(item, byPath);
    const list = new AssignmentList();
    for (const [role, name] of names) {
      for (const a of resolveName(resolver, ids, name, role)) {
        if (inheritedFrom) a.resolutionNote = joinNotes(a.resolutionNote, `沿用上级条目 ${inheritedFrom} 的责任单位`);
        list.add({ ...a, deadline, deadlineSource: source });
      }
    }
    proposed.assignments = list.items;
    return proposed;
  });
}

function namesFor(item: PlanItem, byPath: ReadonlyMap<string, PlanItem>): { names: Array<['lead' | 'support', string]>; inheritedFrom: string | null } {
  let source: PlanItem | null = item;
  let inheritedFrom: string | null = null;
  while (source && source.departments.lead.length + source.departments.support.length === 0) {
    source = nearestExisting(source.path, byPath);
    inheritedFrom = source?.path ?? null;
  }
  if (!source) return { names: [], inheritedFrom: null };
  const names: Array<['lead' | 'support', string]> = [
    ...source.departments.lead.map((n): ['lead', string] => ['lead', n]),
    ...source.departments.support.map((n): ['support', string] => ['support', n]),
  ];
  return { names, inheritedFrom };
}

type Resolved = Omit<ProposedAssignment, 'deadline' | 'deadlineSource'>;

/** One name → one or more proposed assignments (a collective expands to its members). */
export function resolveName(resolver: DepartmentResolver, ids: DepartmentIds, name: string, role: 'lead' | 'support'): Resolved[] {
  // The parser may hand over a list the document wrote in one breath (A、B); resolveMany splits it.
  const resolutions = resolver.resolveMany(name);
  const out: Resolved[] = [];
  for (const r of resolutions.length ? resolutions : [resolver.resolve(name)]) out.push(...fromResolution(r, ids, role));
  return out;
}

function fromResolution(r: Resolution, ids: DepartmentIds, role: 'lead' | 'support'): Resolved[] {
  const base = { sourceName: r.input, role, resolutionStatus: r.status as string, resolutionReason: r.reason as string, resolutionNote: r.note ?? null };
  const candidates = r.matches
    .filter((m) => ids.has(m.code))
    .map((m): DraftCandidate => ({ departmentId: ids.get(m.code)!, code: m.code, name: m.name, score: m.score }));
  const settled = r.status === 'exact' || r.status === 'alias' || (r.status === 'fuzzy' && r.reason !== 'ambiguous') || (r.status === 'collective' && r.matches.length > 0);
  if (!settled || candidates.length === 0) {
    const missing = settled && candidates.length === 0 ? '单位已在名录中，但尚未登记到系统' : null;
    return [{ ...base, departmentId: null, resolutionStatus: settled ? 'unresolved' : base.resolutionStatus, resolutionReason: settled ? 'not_registered' : base.resolutionReason, resolutionScore: candidates[0]?.score ?? null, resolutionNote: joinNotes(base.resolutionNote, missing), candidates }];
  }
  if (r.status === 'collective') {
    return candidates.map((c) => ({ ...base, departmentId: c.departmentId, resolutionScore: c.score, candidates: [] }));
  }
  const best = candidates[0];
  return [{ ...base, departmentId: best.departmentId, resolutionScore: best.score, candidates: r.status === 'fuzzy' ? candidates : [] }];
}

function joinNotes(a: string | null, b: string | null): string | null {
  return [a, b].filter(Boolean).join('；') || null;
}

/** Keeps one proposed task per department (a lead wins over a support) and one row per unresolved name. */
class AssignmentList {
  readonly items: ProposedAssignment[] = [];

  add(a: ProposedAssignment): void {
    const same = this.items.find((x) => (a.departmentId ? x.departmentId === a.departmentId : x.departmentId === null && x.sourceName === a.sourceName));
    if (!same) {
      this.items.push(a);
      return;
    }
    if (same.role === 'support' && a.role === 'lead') same.role = 'lead';
  }
}
