import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 申诉: a department disputes one ledger line with a reason; the committee voids the line (the
 * score follows) or keeps it. One pending appeal per line at a time.
 */
@Check('ck_appeals_status', `"status" IN ('pending', 'line_voided', 'line_kept')`)
@Entity('appeals')
@Index('uq_appeals_pending_line', ['assessmentId', 'lineKey'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_appeals_assessment_department', ['assessmentId', 'departmentId'])
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('AssessmentEntity', { name: 'fk_appeals_assessment', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'assessment_id' })
  assessmentId: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_appeals_department' })
  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'text', name: 'line_key' })
  lineKey: string;

  /** The disputed line as it stood when the appeal was filed. */
  @Column({ type: 'text', name: 'line_reason' })
  lineReason: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'line_points' })
  linePoints: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'pending' })
  status: 'pending' | 'line_voided' | 'line_kept';

  @ForeignKey('UserEntity', { name: 'fk_appeals_filed_by' })
  @Column({ type: 'uuid', name: 'filed_by' })
  filedBy: string;

  @Column({ type: 'timestamptz', name: 'filed_at' })
  filedAt: Date;

  @ForeignKey('UserEntity', { name: 'fk_appeals_decided_by' })
  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote: string | null;
}
