/**
 * The lifecycle of one department's task. `returned` (退回重办) is not a resting state: a returned
 * task goes back to in_progress and the return is recorded as an event with its reason.
 */
export const TASK_STATUSES = [
  'assigned', // 已交办, waiting for the department to sign for it
  'accepted', // 已签收
  'in_progress', // 办理中 (at least one progress report, or returned for rework)
  'submitted', // 申请办结, waiting for the coordinator
  'completed', // 已办结
  'declined', // 退回交办: the department says it is not theirs; the coordinator must reassign
  'cancelled', // 已撤销
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  assigned: '待签收',
  accepted: '已签收',
  in_progress: '办理中',
  submitted: '待审核办结',
  completed: '已办结',
  declined: '待重新交办',
  cancelled: '已撤销',
};

export const CLOSED_STATUSES: readonly TaskStatus[] = ['completed', 'cancelled'];

/**
 * Statuses where the deadline engine owes nothing: closed, waiting for the office (submitted), or
 * handed back (declined). Such tasks carry no next_action_at.
 */
export const DEADLINE_IDLE_STATUSES: readonly TaskStatus[] = ['completed', 'cancelled', 'submitted', 'declined'];

export function isOpen(status: TaskStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

export const TASK_ROLES = ['lead', 'support'] as const;
/** 牵头单位 (lead) or 配合单位 (support). */
export type TaskRole = (typeof TASK_ROLES)[number];

export const QUALITY_RATINGS = ['优', '良', '中', '差'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];
