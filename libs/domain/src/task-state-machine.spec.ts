import { describe, it, expect } from '@jest/globals';
import { decideTransition, availableActions } from './task-state-machine.js';
import { TASK_ACTIONS, type TaskAction } from './task-action.js';
import { TASK_STATUSES, type TaskStatus } from './task-status.js';
import { USER_ROLES, type UserRole } from './roles.js';

const NOW = new Date('2024-06-01T02:00:00Z'); // 10:00 in Shanghai
const FUTURE_DUE = '2024-12-31';

/**
 * The lifecycle written out independently of the implementation's table: every legal
 * (action, role, from) → to. Everything not listed must be rejected.
 */
const LEGAL: Array<[TaskAction, UserRole, TaskStatus, TaskStatus]> = [
  ['accept', 'department_lead', 'assigned', 'accepted'],
  ['report_progress', 'department_lead', 'accepted', 'in_progress'],
  ['report_progress', 'department_lead', 'in_progress', 'in_progress'],
  ['report_progress', 'department_staff', 'accepted', 'in_progress'],
  ['report_progress', 'department_staff', 'in_progress', 'in_progress'],
  ['submit', 'department_lead', 'accepted', 'submitted'],
  ['submit', 'department_lead', 'in_progress', 'submitted'],
  ['approve', 'coordinator', 'submitted', 'completed'],
  ['return', 'coordinator', 'submitted', 'in_progress'],
  ['decline', 'department_lead', 'assigned', 'declined'],
  ['decline', 'department_lead', 'accepted', 'declined'],
  ['reassign', 'coordinator', 'declined', 'assigned'],
  ['reassign', 'coordinator', 'assigned', 'assigned'],
  ['request_extension', 'department_lead', 'accepted', 'accepted'],
  ['request_extension', 'department_lead', 'in_progress', 'in_progress'],
  ...(['assigned', 'accepted', 'in_progress', 'submitted'] as TaskStatus[]).flatMap(
    (s): Array<[TaskAction, UserRole, TaskStatus, TaskStatus]> => [
      ['grant_extension', 'coordinator', s, s],
      ['deny_extension', 'coordinator', s, s],
    ],
  ),
  ...(['assigned', 'accepted', 'in_progress', 'submitted', 'declined'] as TaskStatus[]).map(
    (s): [TaskAction, UserRole, TaskStatus, TaskStatus] => ['cancel', 'coordinator', s, 'cancelled'],
  ),
];

function pendingFor(action: TaskAction): boolean {
  // Extension decisions need a pending request; requests need none. Other actions ignore it.
  return action === 'grant_extension' || action === 'deny_extension';
}

describe('task state machine: every action × role × state', () => {
  const cases = TASK_ACTIONS.flatMap((action) =>
    USER_ROLES.flatMap((role) => TASK_STATUSES.map((status) => [action, role, status] as const)),
  );

  it.each(cases)('%s by %s from %s', (action, role, status) => {
    const legal = LEGAL.find(([a, r, s]) => a === action && r === role && s === status);
    const decision = decideTransition(
      { status, dueDate: FUTURE_DUE, hasPendingExtension: pendingFor(action) },
      action,
      role,
      NOW,
    );
    if (legal) {
      expect(decision).toMatchObject({ allowed: true, from: status, to: legal[3] });
    } else {
      expect(decision.allowed).toBe(false);
      if (!decision.allowed) {
        expect(decision.currentStatus).toBe(status);
        const roleAllowedSomewhere = LEGAL.some(([a, r]) => a === action && r === role);
        expect(decision.reason).toBe(roleAllowedSomewhere ? 'illegal_state' : 'role_not_allowed');
      }
    }
  });

  it('names the current state when a transition is illegal', () => {
    const d = decideTransition({ status: 'completed', dueDate: FUTURE_DUE, hasPendingExtension: false }, 'submit', 'department_lead', NOW);
    expect(d).toMatchObject({ allowed: false, reason: 'illegal_state' });
    if (!d.allowed) expect(d.message).toContain('已办结');
  });
});

describe('extensions', () => {
  const task = { status: 'in_progress' as const, dueDate: '2024-06-01', hasPendingExtension: false };

  it('can be requested until the end of the due day in Shanghai', () => {
    // 23:59 on the due day in Shanghai is 15:59 UTC.
    expect(decideTransition(task, 'request_extension', 'department_lead', new Date('2024-06-01T15:59:00Z')).allowed).toBe(true);
  });

  it('cannot be requested after the deadline', () => {
    const d = decideTransition(task, 'request_extension', 'department_lead', new Date('2024-06-01T16:00:01Z'));
    expect(d).toMatchObject({ allowed: false, reason: 'deadline_passed' });
  });

  it('cannot be requested twice while one is pending', () => {
    const d = decideTransition({ ...task, hasPendingExtension: true }, 'request_extension', 'department_lead', NOW);
    expect(d).toMatchObject({ allowed: false, reason: 'extension_already_pending' });
  });

  it('cannot be granted or denied without a pending request', () => {
    for (const a of ['grant_extension', 'deny_extension'] as const) {
      expect(decideTransition(task, a, 'coordinator', NOW)).toMatchObject({ allowed: false, reason: 'no_pending_extension' });
    }
  });
});

describe('availableActions', () => {
  it('offers a department lead exactly what the lifecycle allows on an assigned task', () => {
    const actions = availableActions({ status: 'assigned', dueDate: FUTURE_DUE, hasPendingExtension: false }, 'department_lead', NOW);
    expect(actions.sort()).toEqual(['accept', 'decline']);
  });

  it('offers nothing on a completed task', () => {
    for (const role of USER_ROLES) {
      expect(availableActions({ status: 'completed', dueDate: FUTURE_DUE, hasPendingExtension: false }, role, NOW)).toEqual([]);
    }
  });
});
