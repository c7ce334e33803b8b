import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TaskRole } from '@duban/domain';
import { TaskEntity } from '@duban/persistence';
import { insertEventAndOutbox, nextActionAtAfter, nextLink } from '@duban/tasks';

export interface NewAssignedTask {
  planId: string;
  planItemId: string;
  path: string;
  heading: string;
  departmentId: string;
  role: TaskRole;
  dueDate: string;
  actorId: string;
  now: Date;
}

/**
 * Writes one assigned task with its TaskAssigned event and outbox row inside the caller's
 * transaction. The event payload is the one TaskAssignmentUseCase writes, so the inbox, the sweep
 * and scoring cannot tell a published import from a hand-made assignment. (TaskAssignmentUseCase
 * could call this too; it lives here because libs/tasks is not ours to edit.)
 */
export async function insertAssignedTask(manager: EntityManager, t: NewAssignedTask): Promise<string> {
  const id = randomUUID();
  const draft = {
    taskId: id,
    type: 'TaskAssigned' as const,
    actorId: t.actorId,
    occurredAt: t.now,
    payload: { departmentId: t.departmentId, role: t.role, dueDate: t.dueDate, planId: t.planId, planItemId: t.planItemId, path: t.path, heading: t.heading },
  };
  const link = nextLink(draft, { lastEventSeq: 0, lastEventHash: null });
  await manager.getRepository(TaskEntity).insert({
    id,
    planId: t.planId,
    planItemId: t.planItemId,
    departmentId: t.departmentId,
    role: t.role,
    status: 'assigned',
    originalDueDate: t.dueDate,
    dueDate: t.dueDate,
    deadlineVersion: 1,
    version: 1,
    progressPercent: 0,
    returnCount: 0,
    pendingExtensionUntil: null,
    qualityRating: null,
    lastEventSeq: link.seq,
    lastEventHash: link.hash,
    nextActionAt: nextActionAtAfter('assigned', t.now),
    assignedAt: t.now,
    createdAt: t.now,
    updatedAt: t.now,
  });
  await insertEventAndOutbox(manager, draft, link);
  return id;
}
