import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One explained point movement of a department's current (not yet finalized) score. `line_key` is
 * the engine's deterministic key, unique per assessment; the line points at the task and at the
 * event or escalation step that caused it. A department's score is the sum of its lines.
 * No foreign keys on purpose: the ledger is derived data a recompute rebuilds wholesale (up to a
 * million lines a year), the rows it points at are never deleted (tasks stay, task_events are
 * append-only), and the five FK checks per inserted line cost more than the insert itself.
 */
@Entity('ledger_lines')
@Index('uq_ledger_lines_assessment_key', ['assessmentId', 'lineKey'], { unique: true })
@Index('ix_ledger_lines_assessment_department', ['assessmentId', 'departmentId', 'position'])
@Index('ix_ledger_lines_task', ['taskId'])
export class LedgerLineEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId: string;

  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'text', name: 'line_key' })
  lineKey: string;

  /** Order within the department's ledger (base first, adjustments after what they adjust). */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  points: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  role: 'lead' | 'support' | null;

  @Column({ type: 'uuid', name: 'task_id', nullable: true })
  taskId: string | null;

  @Column({ type: 'bigint', name: 'task_event_id', nullable: true })
  taskEventId: string | null;

  @Column({ type: 'uuid', name: 'escalation_step_id', nullable: true })
  escalationStepId: string | null;

  /** The engine's event id: a task event id, `esc:<step>`, `overdue:<date>`, `completed:<date>` or `-`. */
  @Column({ type: 'text', name: 'event_ref' })
  eventRef: string;

  @Column({ type: 'date', name: 'line_date', nullable: true })
  lineDate: string | null;

  /** For adjustment lines (appeal, quota, caps): the key of the line they adjust. */
  @Column({ type: 'text', nullable: true })
  adjusts: string | null;
}
