import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A (year, department) whose score must be recomputed because one of its tasks changed. */
@Entity('score_dirty')
export class ScoreDirtyEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @ForeignKey('DepartmentEntity', { name: 'fk_score_dirty_department' })
  @PrimaryColumn({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @Column({ type: 'timestamptz', name: 'marked_at' })
  markedAt: Date;
}
