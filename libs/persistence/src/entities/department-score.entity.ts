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

  /**
   * Per task rule, hundredths after appeals and per-task caps (before the bonus quota and the year
   * caps): with counts and bonus_claimed, what the score is settled from, so a clean department is
   * ranked again without its facts. Null for rows written before it existed (rescored next run).
   */
  @Column({ type: 'jsonb', name: 'rule_cents', nullable: true })
  ruleCents: Record<string, number> | null;

  /** Why the bonus quota voided the department's 加分; the ledger read rebuilds the quota lines from it. */
  @Column({ type: 'text', name: 'quota_denial', nullable: true })
  quotaDenial: string | null;

  /** The civil date the score reflects (tasks past due by then count as missed). */
  @Column({ type: 'date', name: 'as_of' })
  asOf: string;

  @Column({ type: 'timestamptz', name: 'computed_at' })
  computedAt: Date;
}
