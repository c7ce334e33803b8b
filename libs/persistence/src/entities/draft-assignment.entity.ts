import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeadlineSource = 'stated' | 'inherited' | 'plan_end' | 'edited';

/** A candidate department offered to the reviewer for a name the resolver could not settle. */
export interface DraftCandidate {
  departmentId: string;
  code: string;
  name: string;
  score: number;
}

/**
 * A proposed task: one draft item × one department (or a name not yet resolved to one), its role
 * and deadline with where the deadline came from, and how the name was resolved.
 */
@Check('ck_draft_assignments_role', `"role" IN ('lead', 'support')`)
@Check('ck_draft_assignments_deadline_source', `"deadline_source" IN ('stated', 'inherited', 'plan_end', 'edited', 'none')`)
@Entity('draft_assignments')
@Index('ix_draft_assignments_item', ['draftItemId'])
@Index('ix_draft_assignments_draft', ['draftId'])
export class DraftAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('DraftPlanEntity', { name: 'fk_draft_assignments_draft', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'draft_id' })
  draftId: string;

  @ForeignKey('DraftItemEntity', { name: 'fk_draft_assignments_item', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'draft_item_id' })
  draftItemId: string;

  /** Null while the name is unresolved (or a collective awaits the coordinator's choice). */
  @ForeignKey('DepartmentEntity', { name: 'fk_draft_assignments_department' })
  @Column({ type: 'uuid', name: 'department_id', nullable: true })
  departmentId: string | null;

  /** The name as the document wrote it; null for departments the coordinator added. */
  @Column({ type: 'text', name: 'source_name', nullable: true })
  sourceName: string | null;

  @Column({ type: 'text' })
  role: 'lead' | 'support';

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'text', name: 'deadline_source' })
  deadlineSource: DeadlineSource | 'none';

  /** exact | alias | fuzzy | collective | unresolved | manual (the coordinator chose). */
  @Column({ type: 'text', name: 'resolution_status' })
  resolutionStatus: string;

  @Column({ type: 'text', name: 'resolution_reason' })
  resolutionReason: string;

  @Column({ type: 'real', name: 'resolution_score', nullable: true })
  resolutionScore: number | null;

  @Column({ type: 'text', name: 'resolution_note', nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  candidates: DraftCandidate[];

  @Column({ type: 'int' })
  position: number;
}
