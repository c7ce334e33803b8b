import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The annual assessment of one jurisdiction: which scheme version scores its departments, and
 * whether the committee has finalized it (then `final_scores` holds the immutable snapshot).
 */
@Check('ck_assessments_status', `"status" IN ('open', 'finalized')`)
@Entity('assessments')
@Index('uq_assessments_jurisdiction_year', ['jurisdictionId', 'year'], { unique: true })
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  year: number;

  @ForeignKey('DepartmentEntity', { name: 'fk_assessments_jurisdiction' })
  @Column({ type: 'uuid', name: 'jurisdiction_id' })
  jurisdictionId: string;

  @Column({ type: 'text', name: 'scheme_id' })
  schemeId: string;

  @Column({ type: 'int', name: 'scheme_version' })
  schemeVersion: number;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'finalized';

  /** The civil date the finalized snapshot reflects. */
  @Column({ type: 'date', name: 'final_as_of', nullable: true })
  finalAsOf: string | null;

  @Column({ type: 'timestamptz', name: 'finalized_at', nullable: true })
  finalizedAt: Date | null;

  @ForeignKey('UserEntity', { name: 'fk_assessments_finalized_by' })
  @Column({ type: 'uuid', name: 'finalized_by', nullable: true })
  finalizedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
