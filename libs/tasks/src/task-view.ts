import { TASK_STATUS_LABELS, type QualityRating, type TaskRole, type TaskStatus } from '@duban/domain';
import type { TaskEntity } from '@duban/persistence';

/** What the API returns for a task: never the entity itself. */
export interface TaskView {
  id: string;
  planId: string;
  planItemId: string;
  departmentId: string;
  role: TaskRole;
  status: TaskStatus;
  statusLabel: string;
  originalDueDate: string;
  dueDate: string;
  deadlineVersion: number;
  version: number;
  progressPercent: number;
  returnCount: number;
  pendingExtensionUntil: string | null;
  qualityRating: QualityRating | null;
  assignedAt: string;
  acceptedAt: string | null;
  firstProgressAt: string | null;
  submittedAt: string | null;
  completedAt: string | null;
  declinedAt: string | null;
  cancelledAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTaskView(t: TaskEntity): TaskView {
  return {
    id: t.id,
    planId: t.planId,
    planItemId: t.planItemId,
    departmentId: t.departmentId,
    role: t.role,
    status: t.status,
    statusLabel: TASK_STATUS_LABELS[t.status],
    originalDueDate: t.originalDueDate,
    dueDate: t.dueDate,
    deadlineVersion: t.deadlineVersion,
    version: t.version,
    progressPercent: t.progressPercent,
    returnCount: t.returnCount,
    pendingExtensionUntil: t.pendingExtensionUntil,
    qualityRating: t.qualityRating,
    assignedAt: t.assignedAt.toISOString(),
    acceptedAt: iso(t.acceptedAt),
    firstProgressAt: iso(t.firstProgressAt),
    submittedAt: iso(t.submittedAt),
    completedAt: iso(t.completedAt),
    declinedAt: iso(t.declinedAt),
    cancelledAt: iso(t.cancelledAt),
  };
}
