import type { DraftCandidate } from '@duban/persistence';

export type DraftProblemCode =
  | 'missing_title'
  | 'no_department'
  | 'no_lead'
  | 'unresolved_department'
  | 'collective_needs_choice'
  | 'missing_deadline'
  | 'fuzzy_match'
  | 'deadline_defaulted';

/** Blocking problems stop publication; the others are shown so the reviewer can confirm them. */
const BLOCKING: ReadonlySet<DraftProblemCode> = new Set([
  'missing_title',
  'no_department',
  'no_lead',
  'unresolved_department',
  'collective_needs_choice',
  'missing_deadline',
]);

export interface DraftProblem {
  code: DraftProblemCode;
  blocking: boolean;
  /** For officials, in Simplified Chinese. */
  message: string;
  itemId?: string;
  itemPath?: string;
  assignmentId?: string;
  name?: string;
  candidates?: DraftCandidate[];
}

export interface ProblemItem {
  id: string;
  path: string;
  kind: 'heading' | 'task';
  title: string;
}

export interface ProblemAssignment {
  id: string;
  draftItemId: string;
  departmentId: string | null;
  sourceName: string | null;
  role: 'lead' | 'support';
  deadline: string | null;
  deadlineSource: string;
  resolutionStatus: string;
  resolutionReason: string;
  resolutionScore: number | null;
  resolutionNote: string | null;
  candidates: DraftCandidate[];
}

/**
 * What the coordinator still has to fix (or confirm) before publishing. Derived from the rows on
 * every read rather than stored, so it can never go stale after an edit.
 */
export function draftProblems(title: string | null, items: readonly ProblemItem[], assignments: readonly ProblemAssignment[]): DraftProblem[] {
  const out: DraftProblem[] = [];
  const push = (p: Omit<DraftProblem, 'blocking'>) => out.push({ ...p, blocking: BLOCKING.has(p.code) });
  if (!title?.trim()) push({ code: 'missing_title', message: '未识别出计划标题，请填写' });
  const byItem = new Map<string, ProblemAssignment[]>();
  for (const a of assignments) byItem.set(a.draftItemId, [...(byItem.get(a.draftItemId) ?? []), a]);
  for (const item of items) {
    if (item.kind !== 'task') continue;
    const at = { itemId: item.id, itemPath: item.path };
    const list = byItem.get(item.id) ?? [];
    if (list.length === 0) {
      push({ code: 'no_department', ...at, message: `条目 ${item.path}“${short(item.title)}”没有责任单位，请指定` });
      continue;
    }
    if (!list.some((a) => a.role === 'lead')) push({ code: 'no_lead', ...at, message: `条目 ${item.path} 没有牵头单位，请指定` });
    for (const a of list) {
      const one = { ...at, assignmentId: a.id, name: a.sourceName ?? undefined };
      if (a.departmentId === null) {
        if (a.resolutionReason === 'needs_coordinator_choice') {
          push({ code: 'collective_needs_choice', ...one, message: `条目 ${item.path}：“${a.sourceName}”是泛指，请选择具体单位` });
        } else {
          const hint = a.candidates.length ? `，候选：${a.candidates.map((c) => `${c.name}(${c.score.toFixed(2)})`).join('、')}` : '';
          push({ code: 'unresolved_department', ...one, candidates: a.candidates, message: `条目 ${item.path}：未能识别单位“${a.sourceName}”${a.resolutionNote ? `（${a.resolutionNote}）` : ''}${hint}` });
        }
      } else if (a.resolutionStatus === 'fuzzy') {
        push({ code: 'fuzzy_match', ...one, candidates: a.candidates, message: `条目 ${item.path}：“${a.sourceName}”按相似度匹配（${(a.resolutionScore ?? 0).toFixed(2)}），请确认` });
      }
    }
    if (list.some((a) => a.deadline === null)) {
      push({ code: 'missing_deadline', ...at, message: `条目 ${item.path} 没有完成时限，文件也未写明规划期，请指定` });
    } else if (list.some((a) => a.deadlineSource === 'plan_end')) {
      push({ code: 'deadline_defaulted', ...at, message: `条目 ${item.path} 未写明完成时限，暂按规划期末 ${list.find((a) => a.deadlineSource === 'plan_end')!.deadline} 计` });
    }
  }
  return out;
}

function short(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}
