import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One reminder / ladder step / manual 催办 of one task, recorded once: the unique key (task, rule,
 * step, deadline version) makes a second recording a no-op. `state` says whether it was sent
 * ('recorded'), overtaken by a later step after an outage ('superseded'), or skipped with a reason.
 */
@Check('ck_escalation_steps_rule', `"rule" IN ('reminder', 'ladder', 'manual', 'report')`)
@Check('ck_escalation_steps_state', `"state" IN ('recorded', 'superseded', 'skipped')`)
@Entity('escalation_steps')
@Index('uq_escalation_steps_key', ['taskId', 'rule', 'step', 'deadlineVersion'], { unique: true })
@Index('ix_escalation_steps_recorded_at', ['recordedAt'])
export class EscalationStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('TaskEntity', { name: 'fk_escalation_steps_task' })
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  /** 'report' is a progress-report request of one period (step = the period key, e.g. '2024-03'). */
  @Column({ type: 'text' })
  rule: 'reminder' | 'ladder' | 'manual' | 'report';

  /** 'T-7', 'due', '+5', 'urge-<request id>', '2024-03'. */
  @Column({ type: 'text' })
  step: string;

  @Column({ type: 'int', name: 'deadline_version' })
  deadlineVersion: number;

  @Column({ type: 'text' })
  state: 'recorded' | 'superseded' | 'skipped';

  @Column({ type: 'text', name: 'skip_reason', nullable: true })
  skipReason: string | null;

  /** The task's department when the step was recorded. */
  @ForeignKey('DepartmentEntity', { name: 'fk_escalation_steps_department' })
  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  /** When the step was due by the policy (for manual steps: when it was requested). */
  @Column({ type: 'timestamptz', name: 'step_at' })
  stepAt: Date;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'text', nullable: true })
  colour: 'yellow' | 'red' | null;

  /** urge / supervise / escalate for ladder and manual steps. */
  @Column({ type: 'text', nullable: true })
  action: string | null;

  @Column({ type: 'boolean', default: false })
  critical: boolean;

  @Column({ type: 'boolean', name: 'flag_interview', default: false })
  flagInterview: boolean;

  /** The date rests on a Monday–Friday estimate for a year without published holidays. */
  @Column({ type: 'boolean', default: false })
  provisional: boolean;

  @ForeignKey('UserEntity', { name: 'fk_escalation_steps_actor' })
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
