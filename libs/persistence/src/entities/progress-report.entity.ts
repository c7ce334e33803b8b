import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

@Check('ck_progress_reports_percent', `"percent" BETWEEN 0 AND 100`)
@Entity('progress_reports')
@Index('ix_progress_reports_task', ['taskId'])
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('TaskEntity', { name: 'fk_progress_reports_task' })
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @ForeignKey('TaskEventEntity', { name: 'fk_progress_reports_event' })
  @Column({ type: 'bigint', name: 'event_id' })
  eventId: string;

  @Column({ type: 'int' })
  percent: number;

  @Column({ type: 'text' })
  narrative: string;

  @ForeignKey('UserEntity', { name: 'fk_progress_reports_reporter' })
  @Column({ type: 'uuid', name: 'reported_by' })
  reportedBy: string;

  @Column({ type: 'timestamptz', name: 'reported_at' })
  reportedAt: Date;
}
