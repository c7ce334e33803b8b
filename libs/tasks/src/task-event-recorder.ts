import type { EntityManager } from 'typeorm';
import { hashEvent, type TaskEventType } from '@duban/domain';
import { OutboxMessageEntity, TaskEventEntity } from '@duban/persistence';
import { OUTBOX_TOPICS } from '@duban/queue';

export interface EventDraft {
  taskId: string;
  type: TaskEventType;
  actorId: string | null;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface ChainPosition {
  /** The task's last event seq and hash before this event. */
  lastEventSeq: number;
  lastEventHash: string | null;
}

export interface RecordedEvent {
  id: string;
  seq: number;
  hash: string;
}

/** Seq and hash of the next event in a task's chain, before anything is written. */
export function nextLink(draft: EventDraft, position: ChainPosition): { seq: number; prevHash: string | null; hash: string } {
  const seq = position.lastEventSeq + 1;
  const prevHash = position.lastEventHash;
  const hash = hashEvent({ ...draft, seq, prevHash });
  return { seq, prevHash, hash };
}

/**
 * Appends the event and its outbox message. Must run inside the transaction that changes the task
 * row (and moves its last_event_seq/hash to this link), so all three commit or none does.
 */
export async function insertEventAndOutbox(
  manager: EntityManager,
  draft: EventDraft,
  link: { seq: number; prevHash: string | null; hash: string },
): Promise<RecordedEvent> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(TaskEventEntity)
    .values({
      taskId: draft.taskId,
      seq: link.seq,
      type: draft.type,
      actorId: draft.actorId,
      occurredAt: draft.occurredAt,
      payload: draft.payload as never,
      prevHash: link.prevHash,
      hash: link.hash,
    })
    .returning(['id'])
    .execute();
  const id = String(inserted.identifiers[0].id);
  await manager.getRepository(OutboxMessageEntity).insert({
    topic: OUTBOX_TOPICS.taskEvent,
    payload: { eventId: id, taskId: draft.taskId, seq: link.seq, type: draft.type },
    createdAt: draft.occurredAt,
  });
  return { id, seq: link.seq, hash: link.hash };
}
