import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, isUuid, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { isDepartmentRole, isOpen } from '@duban/domain';
import { AttachmentEntity } from '@duban/persistence';
import { loadVisibleTask } from './visible-task.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Evidence types officials send, with the leading bytes each must start with (the name alone proves nothing). */
const ALLOWED: Record<string, { contentType: string; magic: number[][] | null }> = {
  '.pdf': { contentType: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  '.png': { contentType: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
  '.jpg': { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  '.jpeg': { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  '.docx': { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  '.xlsx': { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  '.pptx': { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  '.doc': { contentType: 'application/msword', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  '.xls': { contentType: 'application/vnd.ms-excel', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  '.ofd': { contentType: 'application/ofd', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  '.txt': { contentType: 'text/plain; charset=utf-8', magic: null },
};

export interface AttachmentView {
  id: string;
  taskId: string;
  progressReportId: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

function toView(a: AttachmentEntity): AttachmentView {
  return {
    id: a.id,
    taskId: a.taskId,
    progressReportId: a.progressReportId,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

@Injectable()
export class AttachmentService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stores one evidence file for a task of the caller's department; a progress report then cites it by id. */
  async upload(actor: Actor, taskId: string, file: { originalName: string; bytes: Buffer }): Promise<AttachmentView> {
    const task = await loadVisibleTask(this.dataSource.manager, actor, taskId);
    if (!isDepartmentRole(actor.role)) throw new DubanError('forbidden', '只有承办单位可以上传佐证材料');
    if (!isOpen(task.status)) throw new DubanError('conflict', '任务已办结或撤销，不能再上传材料', { currentStatus: task.status });
    const fileName = Buffer.from(file.originalName, 'latin1').toString('utf8').normalize('NFC');
    if (file.bytes.length === 0) throw new DubanError('invalid', '文件为空', { field: 'file' });
    if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new DubanError('invalid', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 上限`, { field: 'file' });
    }
    const ext = extname(fileName).toLowerCase();
    const type = ALLOWED[ext];
    if (!type) throw new DubanError('invalid', `不支持的文件类型：${ext || '(无扩展名)'}，允许 ${Object.keys(ALLOWED).join(' ')}`, { field: 'file' });
    if (type.magic && !type.magic.some((m) => m.every((b, i) => file.bytes[i] === b))) {
      throw new DubanError('invalid', `文件内容与扩展名 ${ext} 不符`, { field: 'file' });
    }
    if (!type.magic && !isUtf8Text(file.bytes)) throw new DubanError('invalid', '文本文件须为 UTF-8 编码', { field: 'file' });
    const repo = this.dataSource.getRepository(AttachmentEntity);
    const entity = repo.create({
      taskId: task.id,
      progressReportId: null,
      fileName,
      contentType: type.contentType,
      sizeBytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: this.clock.now(),
    });
    await repo.insert(entity);
    return toView(entity);
  }

  async list(actor: Actor, taskId: string): Promise<AttachmentView[]> {
    const task = await loadVisibleTask(this.dataSource.manager, actor, taskId);
    const rows = await this.dataSource.getRepository(AttachmentEntity).find({ where: { taskId: task.id }, order: { uploadedAt: 'ASC' } });
    return rows.map(toView);
  }

  async download(actor: Actor, taskId: string, attachmentId: string): Promise<AttachmentView & { content: Buffer }> {
    const task = await loadVisibleTask(this.dataSource.manager, actor, taskId);
    if (!isUuid(attachmentId)) throw DubanError.notFound('附件', attachmentId);
    const row = await this.dataSource
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :id AND a.task_id = :taskId', { id: attachmentId, taskId: task.id })
      .getOne();
    if (!row) throw DubanError.notFound('附件', attachmentId);
    return { ...toView(row), content: row.content };
  }
}

function isUtf8Text(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !bytes.includes(0);
  } catch {
    return false;
  }
}
