import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The finalized (immutable) score of one department: rank, grade and the frozen ledger. */
@Entity('final_scores')
export class FinalScoreEntity {
  @ForeignKey('AssessmentEntity', { name: 'fk_final_scores_assessment', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'assessment_id' })
  assessmentId: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_final_scores_department' })
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

  @Column({ type: 'jsonb' })
  notes: string[];

  /** The ledger as finalized (key, rule, points, reason, task, event, date, adjusts). */
  @Column({ type: 'jsonb' })
  lines: Array<Record<string, unknown>>;

  @Column({ type: 'timestamptz', name: 'finalized_at' })
  finalizedAt: Date;
}
