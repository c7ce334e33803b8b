import { describe, expect, it } from '@jest/globals';
import { awaitedCoordinatorDecisions, COORDINATOR_TODO_KINDS, COORDINATOR_TODO_RULES } from './coordinator-todo.js';
import { decideTransition } from './task-state-machine.js';
import { TASK_STATUSES, type TaskStatus } from './task-status.js';

const NOW = new Date('2024-06-01T02:00:00Z');
const task = (status: TaskStatus, hasPendingExtension = false) => ({ status, dueDate: '2024-12-31', hasPendingExtension });

describe('awaitedCoordinatorDecisions', () => {
  it('waits on a closing for submitted tasks, a reassignment for declined ones, a decision for pending extensions', () => {
    expect(awaitedCoordinatorDecisions(task('submitted'), NOW)).toEqual(['closing_review']);
    expect(awaitedCoordinatorDecisions(task('declined'), NOW)).toEqual(['reassignment']);
    expect(awaitedCoordinatorDecisions(task('in_progress', true), NOW)).toEqual(['extension_decision']);
    expect(awaitedCoordinatorDecisions(task('submitted', true), NOW)).toEqual(['closing_review', 'extension_decision']);
  });

  it('waits on nothing for tasks the departments are working on or that are closed', () => {
    for (const status of ['assigned', 'accepted', 'in_progress', 'completed', 'cancelled'] as const) {
      expect(awaitedCoordinatorDecisions(task(status), NOW)).toEqual([]);
    }
  });

  it('never lists a decision the state machine would refuse (a declined task keeps an old extension request it cannot grant)', () => {
    expect(awaitedCoordinatorDecisions(task('declined', true), NOW)).toEqual(['reassignment']);
    for (const status of TASK_STATUSES) {
      for (const pending of [false, true]) {
        for (const kind of awaitedCoordinatorDecisions(task(status, pending), NOW)) {
          for (const action of COORDINATOR_TODO_RULES[kind].actions) {
            expect(decideTransition(task(status, pending), action, 'coordinator', NOW).allowed).toBe(true);
          }
        }
      }
    }
  });

  it('labels every kind in Chinese', () => {
    expect(COORDINATOR_TODO_KINDS.map((kind) => COORDINATOR_TODO_RULES[kind].label)).toEqual(['待审核办结', '待重新交办', '待审批延期']);
  });
});
