import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QualityRating, TaskRole, TaskStatus } from '@duban/domain';

/**
 * One department's share of one plan item. `version` is the optimistic lock every transition
 * checks; `deadlineVersion` counts granted extensions so reminders keyed on an old deadline go stale.
 */
@Check('ck_tasks_progress', `"progress_percent" BETWEEN 0 AND 100`)
@Check('ck_tasks_role', `"role" IN ('lead', 'support')`)
@Entity('tasks')
@Index('uq_tasks_item_department', ['planItemId', 'departmentId'], { unique: true })
@Index('ix_tasks_department_status', ['departmentId', 'status'])
@Index('ix_tasks_next_action_at', ['nextActionAt'], { where: 'next_action_at IS NOT NULL' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('PlanEntity', { name: 'fk_tasks_plan' })
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ForeignKey('PlanItemEntity', { name: 'fk_tasks_plan_item' })
  @Column({ type: 'uuid', name: 'plan_item_id' })
  planItemId: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_tasks_department' })
  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'text' })
  role: TaskRole;

  @Column({ type: 'text' })
  status: TaskStatus;

  @Column({ type: 'date', name: 'original_due_date' })
  originalDueDate: string;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  @Column({ type: 'int', name: 'deadline_version', default: 1 })
  deadlineVersion: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'int', name: 'progress_percent', default: 0 })
  progressPercent: number;

  @Column({ type: 'int', name: 'return_count', default: 0 })
  returnCount: number;

  /** The requested new deadline while an extension request waits for the coordinator. */
  @Column({ type: 'date', name: 'pending_extension_until', nullable: true })
  pendingExtensionUntil: string | null;

  @Column({ type: 'text', name: 'quality_rating', nullable: true })
  qualityRating: QualityRating | null;

  /**
   * When the deadline engine must look at this task next (a reminder or ladder step falls due);
   * null when nothing is owed (closed, paused). Set to "now" by transitions that change what is
   * owed, so the next sweep recomputes it.
   */
  @Column({ type: 'timestamptz', name: 'next_action_at', nullable: true })
  nextActionAt: Date | null;

  @Column({ type: 'int', name: 'last_event_seq', default: 0 })
  lastEventSeq: number;

  @Column({ type: 'text', name: 'last_event_hash', nullable: true })
  lastEventHash: string | null;

  @Column({ type: 'timestamptz', name: 'assigned_at' })
  assignedAt: Date;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'first_progress_at', nullable: true })
  firstProgressAt: Date | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'declined_at', nullable: true })
  declinedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
