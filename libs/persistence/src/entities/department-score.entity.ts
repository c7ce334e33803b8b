import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The current score, rank and grade of one department in one open assessment. */
@Entity('department_scores')
export class DepartmentScoreEntity {
  @ForeignKey('AssessmentEntity', { name: 'fk_department_scores_assessment', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'assessment_id' })
  assessmentId: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_department_scores_department' })
  @PrimaryColumn({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'text', name: 'peer_group_id' })
  peerGroupId: string;

  @Column({ type: 'int' })
  rank: number;

  @Column({ type: 'text' })
  grade: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  score: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  added: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  deducted: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'bonus_claimed' })
  bonusClaimed: string;

  @Column({ type: 'boolean', name: 'bonus_denied' })
  bonusDenied: boolean;

  /** Non-voided raw lines per rule and role (disqualifiers and tie-breakers read them). */
  @Column({ type: 'jsonb' })
  counts: Record<string, { lead: number; support: number }>;

  @Column({ type: 'jsonb' })
  notes: string[];

  /** Hash of the ledger lines, so an unchanged ledger is not rewritten. */
  @Column({ type: 'text', name: 'ledger_hash' })
  ledgerHash: string;

  /** The civil date the score reflects (tasks past due by then count as missed). */
  @Column({ type: 'date', name: 'as_of' })
  asOf: string;

  @Column({ type: 'timestamptz', name: 'computed_at' })
  computedAt: Date;
}
