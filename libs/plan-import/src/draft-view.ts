import { In, type EntityManager } from 'typeorm';
import { DepartmentEntity, DraftAssignmentEntity, DraftItemEntity, type DraftCandidate, type DraftPlanEntity, type PlanTarget } from '@duban/persistence';
import { draftProblems, type DraftProblem } from './draft-problems.js';

export interface DraftAssignmentView {
  id: string;
  departmentId: string | null;
  departmentName: string | null;
  /** The name as the document wrote it; null when the coordinator added the department. */
  sourceName: string | null;
  role: 'lead' | 'support';
  deadline: string | null;
  deadlineSource: string;
  resolution: { status: string; reason: string; score: number | null; note: string | null; candidates: DraftCandidate[] };
}

export interface DraftItemView {
  id: string;
  path: string;
  kind: 'heading' | 'task';
  title: string;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  recurrence: string | null;
  targets: PlanTarget[];
  sourceLine: number | null;
  assignments: DraftAssignmentView[];
}

export interface DraftSummary {
  items: number;
  taskItems: number;
  proposedTasks: number;
  unresolvedNames: number;
  blockingProblems: number;
  warnings: number;
}

export interface DraftView {
  id: string;
  status: 'draft' | 'published' | 'discarded';
  jurisdictionId: string;
  fileName: string;
  sha256: string;
  title: string | null;
  issuers: string[];
  docNumber: string | null;
  issueDate: string | null;
  period: { start: number; end: number } | null;
  script: string;
  planId: string | null;
  createdAt: string;
  publishedAt: string | null;
  summary: DraftSummary;
  problems: DraftProblem[];
  items: DraftItemView[];
}

export interface DraftRows {
  items: DraftItemEntity[];
  assignments: DraftAssignmentEntity[];
}

export async function loadDraftRows(manager: EntityManager, draftId: string): Promise<DraftRows> {
  const items = await manager.getRepository(DraftItemEntity).find({ where: { draftId }, order: { position: 'ASC' } });
  const assignments = await manager.getRepository(DraftAssignmentEntity).find({ where: { draftId }, order: { position: 'ASC' } });
  return { items, assignments };
}

export function problemsOf(draft: DraftPlanEntity, rows: DraftRows): DraftProblem[] {
  return draftProblems(draft.title, rows.items, rows.assignments);
}

export async function toDraftView(manager: EntityManager, draft: DraftPlanEntity, rows?: DraftRows): Promise<DraftView> {
  const { items, assignments } = rows ?? (await loadDraftRows(manager, draft.id));
  const depIds = [...new Set(assignments.map((a) => a.departmentId).filter((id): id is string => id !== null))];
  const names = new Map((depIds.length ? await manager.getRepository(DepartmentEntity).findBy({ id: In(depIds) }) : []).map((d) => [d.id, d.name]));
  const byItem = new Map<string, DraftAssignmentView[]>();
  for (const a of assignments) {
    const view: DraftAssignmentView = {
      id: a.id,
      departmentId: a.departmentId,
      departmentName: a.departmentId ? (names.get(a.departmentId) ?? null) : null,
      sourceName: a.sourceName,
      role: a.role,
      deadline: a.deadline,
      deadlineSource: a.deadlineSource,
      resolution: { status: a.resolutionStatus, reason: a.resolutionReason, score: a.resolutionScore, note: a.resolutionNote, candidates: a.candidates },
    };
    byItem.set(a.draftItemId, [...(byItem.get(a.draftItemId) ?? []), view]);
  }
  const problems = draftProblems(draft.title, items, assignments);
  return {
    id: draft.id,
    status: draft.status,
    jurisdictionId: draft.jurisdictionId,
    fileName: draft.fileName,
    sha256: draft.sha256,
    title: draft.title,
    issuers: draft.issuers,
    docNumber: draft.docNumber,
    issueDate: draft.issueDate,
    period: draft.periodStart !== null && draft.periodEnd !== null ? { start: draft.periodStart, end: draft.periodEnd } : null,
    script: draft.script,
    planId: draft.planId,
    createdAt: draft.createdAt.toISOString(),
    publishedAt: draft.publishedAt?.toISOString() ?? null,
    summary: {
      items: items.length,
      taskItems: items.filter((i) => i.kind === 'task').length,
      proposedTasks: assignments.filter((a) => a.departmentId !== null).length,
      unresolvedNames: assignments.filter((a) => a.departmentId === null).length,
      blockingProblems: problems.filter((p) => p.blocking).length,
      warnings: problems.filter((p) => !p.blocking).length,
    },
    problems,
    items: items.map((i) => ({
      id: i.id,
      path: i.path,
      kind: i.kind,
      title: i.title,
      text: i.text,
      deadline: i.deadline,
      deadlineText: i.deadlineText,
      recurrence: i.recurrence,
      targets: i.targets,
      sourceLine: i.sourceLine,
      assignments: byItem.get(i.id) ?? [],
    })),
  };
}
