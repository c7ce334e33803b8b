import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE), one row per transition and per
 * progress report, each carrying the hash of the previous event of its task.
 */
@Entity('task_events')
@Index('uq_task_events_task_seq', ['taskId', 'seq'], { unique: true })
export class TaskEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @ForeignKey('TaskEntity', { name: 'fk_task_events_task' })
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  type: string;

  @ForeignKey('UserEntity', { name: 'fk_task_events_actor' })
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'text', name: 'prev_hash', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text' })
  hash: string;
}
