import { DEPARTMENT_KINDS, type DepartmentKind } from '@duban/domain';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export { DEPARTMENT_KINDS, type DepartmentKind };

/**
 * A unit in the administrative tree (city government → bureaus → sections; counties → their bureaus;
 * schools). `path` is the materialized chain of ancestor ids (`/root/…/self/`) so "everything in a
 * coordinator's jurisdiction" is one indexed prefix match.
 */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_departments_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: DepartmentKind;

  @ForeignKey('DepartmentEntity', { name: 'fk_departments_parent' })
  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  @Index('ix_departments_path')
  @Column({ type: 'text' })
  path: string;

  /** Other names documents use for the same unit (市教育局 / 市教体局 / 教育局). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
