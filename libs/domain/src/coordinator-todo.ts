import type { TaskAction } from './task-action.js';
import type { TaskEventType } from './task-event-type.js';
import { decideTransition, type TaskSnapshot } from './task-state-machine.js';
import type { TaskStatus } from './task-status.js';

/**
 * What a coordinating office (督查室) is waiting to decide on a task: a closing to approve or return,
 * a task a department sent back (退回交办) to reassign, an extension request to grant or deny.
 */
export const COORDINATOR_TODO_KINDS = ['closing_review', 'reassignment', 'extension_decision'] as const;
export type CoordinatorTodoKind = (typeof COORDINATOR_TODO_KINDS)[number];

interface TodoRule {
  label: string;
  /** The statuses the wait belongs to (reassign is also legal on an assigned task, which waits for nobody). */
  statuses: readonly TaskStatus[] | 'any';
  /** The coordinator's decisions; the wait exists only while the state machine allows each of them. */
  actions: readonly TaskAction[];
  /** The event that started the wait: its time is how long the task has waited, its payload says why. */
  startedBy: TaskEventType;
}

export const COORDINATOR_TODO_RULES: Readonly<Record<CoordinatorTodoKind, TodoRule>> = {
  closing_review: { label: '待审核办结', statuses: ['submitted'], actions: ['approve', 'return'], startedBy: 'TaskSubmitted' },
  reassignment: { label: '待重新交办', statuses: ['declined'], actions: ['reassign'], startedBy: 'TaskDeclined' },
  extension_decision: { label: '待审批延期', statuses: 'any', actions: ['grant_extension', 'deny_extension'], startedBy: 'ExtensionRequested' },
};

/**
 * The decisions a task waits for from its coordinator, in the order of COORDINATOR_TODO_KINDS. A
 * submitted task with a pending extension request waits for two. Derived from the state machine,
 * so a task never lands in the 待办 with a decision the coordinator could not take.
 */
export function awaitedCoordinatorDecisions(task: TaskSnapshot, now: Date): CoordinatorTodoKind[] {
  return COORDINATOR_TODO_KINDS.filter((kind) => {
    const rule = COORDINATOR_TODO_RULES[kind];
    if (rule.statuses !== 'any' && !rule.statuses.includes(task.status)) return false;
    return rule.actions.every((action) => decideTransition(task, action, 'coordinator', now).allowed);
  });
}
