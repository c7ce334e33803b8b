import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanTarget } from './plan-item.entity.js';

/** One node of a draft's item tree, as parsed (then merged, split or re-dated by the coordinator). */
@Entity('draft_items')
@Index('uq_draft_items_draft_path', ['draftId', 'path'], { unique: true })
export class DraftItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('DraftPlanEntity', { name: 'fk_draft_items_draft', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'draft_id' })
  draftId: string;

  /** Numbering from the outside in (`三.(一).2`); the parent is the path minus its last token. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text' })
  kind: 'heading' | 'task';

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  text: string;

  /** The item's own deadline as the parser read it (stated or passed down by a heading), or null. */
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'text', name: 'deadline_text', nullable: true })
  deadlineText: string | null;

  @Column({ type: 'text', nullable: true })
  recurrence: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  targets: PlanTarget[];

  /** Line in the uploaded document where the item starts, so the reviewer can jump to it. */
  @Column({ type: 'int', name: 'source_line', nullable: true })
  sourceLine: number | null;

  @Column({ type: 'int' })
  position: number;
}
