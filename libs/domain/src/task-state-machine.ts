import { ROLE_LABELS, type UserRole } from './roles.js';
import { TASK_ACTION_LABELS, type TaskAction } from './task-action.js';
import { EVENT_FOR_ACTION, type TaskEventType } from './task-event-type.js';
import { TASK_STATUS_LABELS, type TaskStatus } from './task-status.js';
import { endOfShanghaiDay } from './shanghai-time.js';

/** What the state machine needs to know about a task. */
export interface TaskSnapshot {
  status: TaskStatus;
  /** Current deadline, a Shanghai civil date. */
  dueDate: string;
  /** A pending extension request (申请延期) waiting for the coordinator. */
  hasPendingExtension: boolean;
}

interface Rule {
  /** Roles allowed to perform the action (checked before the state). */
  roles: readonly UserRole[];
  /** States the action is legal from. */
  from: readonly TaskStatus[];
  /** The resulting state; `same` keeps the current one (extension decisions, progress while in progress). */
  to: TaskStatus | 'same';
}

const DEPARTMENT_LEAD: readonly UserRole[] = ['department_lead'];
const DEPARTMENT_MEMBERS: readonly UserRole[] = ['department_lead', 'department_staff'];
const COORDINATOR: readonly UserRole[] = ['coordinator'];
const OPEN_BEFORE_COMPLETION: readonly TaskStatus[] = ['assigned', 'accepted', 'in_progress', 'submitted', 'declined'];

/**
 * The whole lifecycle in one table. Admins manage departments and users but do not act on tasks:
 * 督办 keeps the duties of the coordinating office and of the departments apart.
 */
export const TRANSITIONS: Readonly<Record<TaskAction, Rule>> = {
  accept: { roles: DEPARTMENT_LEAD, from: ['assigned'], to: 'accepted' },
  report_progress: { roles: DEPARTMENT_MEMBERS, from: ['accepted', 'in_progress'], to: 'in_progress' },
  submit: { roles: DEPARTMENT_LEAD, from: ['accepted', 'in_progress'], to: 'submitted' },
  approve: { roles: COORDINATOR, from: ['submitted'], to: 'completed' },
  return: { roles: COORDINATOR, from: ['submitted'], to: 'in_progress' },
  decline: { roles: DEPARTMENT_LEAD, from: ['assigned', 'accepted'], to: 'declined' },
  reassign: { roles: COORDINATOR, from: ['declined', 'assigned'], to: 'assigned' },
  request_extension: { roles: DEPARTMENT_LEAD, from: ['accepted', 'in_progress'], to: 'same' },
  grant_extension: { roles: COORDINATOR, from: ['assigned', 'accepted', 'in_progress', 'submitted'], to: 'same' },
  deny_extension: { roles: COORDINATOR, from: ['assigned', 'accepted', 'in_progress', 'submitted'], to: 'same' },
  cancel: { roles: COORDINATOR, from: OPEN_BEFORE_COMPLETION, to: 'cancelled' },
};

export type RejectionReason =
  | 'role_not_allowed'
  | 'illegal_state'
  | 'deadline_passed'
  | 'extension_already_pending'
  | 'no_pending_extension';

export type TransitionDecision =
  | { allowed: true; from: TaskStatus; to: TaskStatus; event: TaskEventType }
  | { allowed: false; reason: RejectionReason; currentStatus: TaskStatus; message: string };

/**
 * Decides whether `role` may perform `action` on a task in its current state at `now`.
 * Pure: the caller records the effect (task row, event, outbox) when the decision allows it.
 */
export function decideTransition(task: TaskSnapshot, action: TaskAction, role: UserRole, now: Date): TransitionDecision {
  const rule = TRANSITIONS[action];
  const reject = (reason: RejectionReason, message: string): TransitionDecision => ({
    allowed: false,
    reason,
    currentStatus: task.status,
    message,
  });
  if (!rule.roles.includes(role)) {
    return reject('role_not_allowed', `${ROLE_LABELS[role]}不能执行“${TASK_ACTION_LABELS[action]}”操作`);
  }
  if (!rule.from.includes(task.status)) {
    return reject(
      'illegal_state',
      `任务当前状态为“${TASK_STATUS_LABELS[task.status]}”(${task.status})，不能${TASK_ACTION_LABELS[action]}`,
    );
  }
  if (action === 'request_extension') {
    if (task.hasPendingExtension) return reject('extension_already_pending', '已有待审批的延期申请');
    if (now.getTime() > endOfShanghaiDay(task.dueDate).getTime()) {
      return reject('deadline_passed', `办理期限（${task.dueDate}）已过，不能再申请延期`);
    }
  }
  if ((action === 'grant_extension' || action === 'deny_extension') && !task.hasPendingExtension) {
    return reject('no_pending_extension', '没有待审批的延期申请');
  }
  return {
    allowed: true,
    from: task.status,
    to: rule.to === 'same' ? task.status : rule.to,
    event: EVENT_FOR_ACTION[action],
  };
}

/** The actions a role could take on a task now (for UIs and the inbox). */
export function availableActions(task: TaskSnapshot, role: UserRole, now: Date): TaskAction[] {
  return (Object.keys(TRANSITIONS) as TaskAction[]).filter((a) => decideTransition(task, a, role, now).allowed);
}
