import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DraftPlanStatus = 'draft' | 'published' | 'discarded';

/**
 * An imported plan document under review: the parser's metadata plus the coordinator's edits,
 * until it is published (a `plans` row with tasks) or discarded. The document's sha256 is unique
 * per jurisdiction among drafts that are not discarded, so the same file imported twice is recognised.
 */
@Check('ck_draft_plans_status', `"status" IN ('draft', 'published', 'discarded')`)
@Entity('draft_plans')
@Index('uq_draft_plans_jurisdiction_sha256', ['jurisdictionId', 'sha256'], { unique: true, where: `"status" <> 'discarded'` })
export class DraftPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_draft_plans_jurisdiction' })
  @Column({ type: 'uuid', name: 'jurisdiction_id' })
  jurisdictionId: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  @Column({ type: 'int', name: 'size_bytes' })
  sizeBytes: number;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  issuers: string[];

  @Column({ type: 'text', name: 'doc_number', nullable: true })
  docNumber: string | null;

  @Column({ type: 'date', name: 'issue_date', nullable: true })
  issueDate: string | null;

  @Column({ type: 'int', name: 'period_start', nullable: true })
  periodStart: number | null;

  @Column({ type: 'int', name: 'period_end', nullable: true })
  periodEnd: number | null;

  /** simplified | traditional, as the parser detected it. */
  @Column({ type: 'text' })
  script: string;

  @Column({ type: 'text', default: 'draft' })
  status: DraftPlanStatus;

  @ForeignKey('PlanEntity', { name: 'fk_draft_plans_plan' })
  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  planId: string | null;

  @ForeignKey('UserEntity', { name: 'fk_draft_plans_created_by' })
  @Column({ type: 'uuid', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
