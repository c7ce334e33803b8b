import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A quantified commitment of a plan item (达到90%以上, 新增学位6500个). */
export interface PlanTarget {
  indicator?: string;
  value: number;
  unit: string;
  comparator: '>=' | '>' | '<=' | '=' | '~';
  year?: number;
  text?: string;
}

/** A node of the plan's item tree: a heading (一、 / （一）) or an action that becomes tasks. */
@Entity('plan_items')
@Index('uq_plan_items_plan_path', ['planId', 'path'], { unique: true })
export class PlanItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('PlanEntity', { name: 'fk_plan_items_plan', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ForeignKey('PlanItemEntity', { name: 'fk_plan_items_parent', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Numbering from the outside in, e.g. `三.(一).2`. */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text' })
  kind: 'heading' | 'task';

  @Column({ type: 'text' })
  heading: string;

  @Column({ type: 'text', default: '' })
  text: string;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  targets: PlanTarget[];

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'int' })
  position: number;
}
