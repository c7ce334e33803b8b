import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A department's 待办 line for one task, maintained by the inbox consumer from task events. */
@Entity('inbox_entries')
@Index('uq_inbox_entries_department_task', ['departmentId', 'taskId'], { unique: true })
export class InboxEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_inbox_entries_department' })
  @Column({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @ForeignKey('TaskEntity', { name: 'fk_inbox_entries_task' })
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'task_status' })
  taskStatus: string;

  @Column({ type: 'text', name: 'task_role' })
  taskRole: string;

  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  /** False once the task left this department (reassigned) or closed. */
  @Column({ type: 'boolean' })
  active: boolean;

  /** Highest event seq applied: older or repeated events are ignored. */
  @Column({ type: 'int', name: 'last_event_seq' })
  lastEventSeq: number;

  @Column({ type: 'text', name: 'last_event_type' })
  lastEventType: string;

  @Column({ type: 'text', name: 'last_message' })
  lastMessage: string;

  @Column({ type: 'boolean' })
  unread: boolean;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @ForeignKey('UserEntity', { name: 'fk_inbox_entries_read_by' })
  @Column({ type: 'uuid', name: 'read_by', nullable: true })
  readBy: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
