import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UserRole } from '@duban/domain';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: UserRole;

  @ForeignKey('DepartmentEntity', { name: 'fk_users_department' })
  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  /** For coordinators, assessors and admins: the subtree they oversee. Null for department roles. */
  @ForeignKey('DepartmentEntity', { name: 'fk_users_jurisdiction' })
  @Column({ type: 'uuid', name: 'jurisdiction_id', nullable: true })
  jurisdictionId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
