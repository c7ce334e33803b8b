import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TaskRole } from '@duban/domain';
import { TaskEntity } from '@duban/persistence';
import { nextActionAtAfter } from './next-action-at.js';
import { insertEventAndOutbox, nextLink } from './task-event-recorder.js';

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
 * transaction. Hand-made assignments and published imports both go through here, so the inbox,
 * the sweep and scoring cannot tell them apart.
 */
export async function insertAssignedTask(manager: EntityManager, t: NewAssignedTask): Promise<TaskEntity> {
  const id = randomUUID();
  const draft = {
    taskId: id,
    type: 'TaskAssigned' as const,
    actorId: t.actorId,
    occurredAt: t.now,
    payload: { departmentId: t.departmentId, role: t.role, dueDate: t.dueDate, planId: t.planId, planItemId: t.planItemId, path: t.path, heading: t.heading },
  };
  const link = nextLink(draft, { lastEventSeq: 0, lastEventHash: null });
  const task = manager.getRepository(TaskEntity).create({
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
  await manager.getRepository(TaskEntity).insert(task);
  await insertEventAndOutbox(manager, draft, link);
  return task;
}
