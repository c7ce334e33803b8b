import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Evidence for a progress report. The bytes live in Postgres beside their sha256, so the evidence is
 * covered by the same backups and transactions as the audit trail that cites it.
 */
@Entity('attachments')
@Index('ix_attachments_task', ['taskId'])
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('TaskEntity', { name: 'fk_attachments_task' })
  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @ForeignKey('ProgressReportEntity', { name: 'fk_attachments_progress_report' })
  @Column({ type: 'uuid', name: 'progress_report_id', nullable: true })
  progressReportId: string | null;

  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  @Column({ type: 'text', name: 'content_type' })
  contentType: string;

  @Column({ type: 'int', name: 'size_bytes' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @ForeignKey('UserEntity', { name: 'fk_attachments_uploader' })
  @Column({ type: 'uuid', name: 'uploaded_by' })
  uploadedBy: string;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt: Date;
}
