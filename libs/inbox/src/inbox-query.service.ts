import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DubanError, isUuid, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { isDepartmentRole } from '@duban/domain';
import { InboxEntryEntity } from '@duban/persistence';

export interface InboxEntryView {
  id: string;
  taskId: string;
  title: string;
  taskStatus: string;
  taskRole: string;
  dueDate: string;
  active: boolean;
  lastEventType: string;
  message: string;
  unread: boolean;
  readAt: string | null;
  updatedAt: string;
}

function toView(e: InboxEntryEntity): InboxEntryView {
  return {
    id: e.id,
    taskId: e.taskId,
    title: e.title,
    taskStatus: e.taskStatus,
    taskRole: e.taskRole,
    dueDate: e.dueDate,
    active: e.active,
    lastEventType: e.lastEventType,
    message: e.lastMessage,
    unread: e.unread,
    readAt: e.readAt ? e.readAt.toISOString() : null,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** A department's 待办, with read receipts. Only department roles have one. */
@Injectable()
export class InboxQueryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, opts: { includeInactive?: boolean } = {}): Promise<InboxEntryView[]> {
    this.requireDepartment(actor);
    const rows = await this.dataSource.getRepository(InboxEntryEntity).find({
      where: opts.includeInactive ? { departmentId: actor.departmentId } : { departmentId: actor.departmentId, active: true },
      order: { dueDate: 'ASC', updatedAt: 'DESC' },
    });
    return rows.map(toView);
  }

  async markRead(actor: Actor, entryId: string): Promise<InboxEntryView> {
    this.requireDepartment(actor);
    const repo = this.dataSource.getRepository(InboxEntryEntity);
    const entry = isUuid(entryId) ? await repo.findOneBy({ id: entryId, departmentId: actor.departmentId }) : null;
    if (!entry) throw DubanError.notFound('待办', entryId);
    if (entry.unread) {
      entry.unread = false;
      entry.readAt = this.clock.now();
      entry.readBy = actor.userId;
      await repo.update({ id: entry.id }, { unread: false, readAt: entry.readAt, readBy: entry.readBy });
    }
    return toView(entry);
  }

  private requireDepartment(actor: Actor): void {
    if (!isDepartmentRole(actor.role)) throw new DubanError('forbidden', '待办仅供承办单位使用');
  }
}
