import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, In, type EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import {
  QUALITY_RATINGS,
  decideTransition,
  isCivilDate,
  type QualityRating,
  type TaskAction,
  type TaskStatus,
} from '@duban/domain';
import { AttachmentEntity, DepartmentEntity, ProgressReportEntity, TaskEntity } from '@duban/persistence';
import { insertEventAndOutbox, nextLink } from './task-event-recorder.js';
import { loadVisibleTask } from './visible-task.js';
import { nextActionAtAfter } from './next-action-at.js';
import { toTaskView, type TaskView } from './task-view.js';

/** What each action takes besides the task. `expectedVersion` lets a client say which state it acted on. */
export interface TransitionInput {
  expectedVersion?: number;
  /** return, decline, request_extension, deny_extension, cancel */
  reason?: string;
  /** report_progress */
  percent?: number;
  narrative?: string;
  attachmentIds?: string[];
  /** approve */
  rating?: QualityRating;
  comment?: string;
  /** reassign */
  departmentId?: string;
  /** request_extension: the date asked for; grant_extension: the date granted (defaults to the one asked for). */
  dueDate?: string;
}

export interface TransitionResult {
  task: TaskView;
  event: { id: string; seq: number; type: string };
}

const REASON_REQUIRED: readonly TaskAction[] = ['return', 'decline', 'request_extension', 'deny_extension', 'cancel'];

type Patch = Partial<Pick<
  TaskEntity,
  | 'status'
  | 'departmentId'
  | 'dueDate'
  | 'deadlineVersion'
  | 'progressPercent'
  | 'returnCount'
  | 'pendingExtensionUntil'
  | 'qualityRating'
  | 'assignedAt'
  | 'acceptedAt'
  | 'firstProgressAt'
  | 'submittedAt'
  | 'completedAt'
  | 'declinedAt'
  | 'cancelledAt'
>>;

/**
 * Every change of a task's state: decide with the pure state machine, then write the task row
 * (guarded by its version), its chained event and its outbox message in one transaction. Two
 * concurrent transitions on one task: the second UPDATE finds the version moved and answers 409.
 */
@Injectable()
export class TaskTransitionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async perform(actor: Actor, taskId: string, action: TaskAction, input: TransitionInput = {}): Promise<TransitionResult> {
    return this.dataSource.transaction(async (manager) => {
      const task = await loadVisibleTask(manager, actor, taskId);
      if (input.expectedVersion !== undefined && input.expectedVersion !== task.version) {
        throw new DubanError('conflict', `任务已被他人更新（当前版本 ${task.version}，提交的版本 ${input.expectedVersion}），请刷新后重试`, {
          currentStatus: task.status,
          currentVersion: task.version,
        });
      }
      const now = this.clock.now();
      const decision = decideTransition(
        { status: task.status, dueDate: task.dueDate, hasPendingExtension: task.pendingExtensionUntil !== null },
        action,
        actor.role,
        now,
      );
      if (!decision.allowed) {
        throw new DubanError(decision.reason === 'role_not_allowed' ? 'forbidden' : 'conflict', decision.message, {
          reason: decision.reason,
          currentStatus: decision.currentStatus,
        });
      }
      if (REASON_REQUIRED.includes(action) && !input.reason?.trim()) {
        throw new DubanError('invalid', '请填写理由', { field: 'reason' });
      }

      const { patch, payload } = await this.plan(manager, actor, task, action, decision.to, input, now);
      const draft = {
        taskId: task.id,
        type: decision.event,
        actorId: actor.userId,
        occurredAt: now,
        payload: {
          action,
          from: decision.from,
          to: decision.to,
          departmentId: patch.departmentId ?? task.departmentId,
          ...payload,
        },
      };
      const link = nextLink(draft, task);
      const updated = await manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ ...patch, status: decision.to, nextActionAt: nextActionAtAfter(decision.to, now), version: task.version + 1, lastEventSeq: link.seq, lastEventHash: link.hash, updatedAt: now })
        .where('id = :id AND version = :version', { id: task.id, version: task.version })
        .execute();
      if (updated.affected !== 1) {
        throw new DubanError('conflict', '任务刚被他人更新，请刷新后重试', { currentVersion: task.version + 1 });
      }
      const event = await insertEventAndOutbox(manager, draft, link);
      if (action === 'report_progress') await this.recordProgress(manager, actor, task.id, event.id, input, now);
      const fresh = await manager.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
      return { task: toTaskView(fresh), event: { id: event.id, seq: event.seq, type: decision.event } };
    });
  }

  /** The action-specific checks, the task patch and what the event records. */
  private async plan(
    manager: EntityManager,
    actor: Actor,
    task: TaskEntity,
    action: TaskAction,
    to: TaskStatus,
    input: TransitionInput,
    now: Date,
  ): Promise<{ patch: Patch; payload: Record<string, unknown> }> {
    const reason = input.reason?.trim();
    switch (action) {
      case 'accept':
        return { patch: { acceptedAt: now }, payload: {} };
      case 'report_progress': {
        const { percent, narrative } = input;
        if (percent === undefined || !Number.isInteger(percent) || percent < 0 || percent > 100) {
          throw new DubanError('invalid', '进度须为0到100之间的整数', { field: 'percent' });
        }
        if (!narrative?.trim()) throw new DubanError('invalid', '请填写进展情况', { field: 'narrative' });
        const attachments = await this.unlinkedAttachments(manager, task.id, input.attachmentIds ?? []);
        return {
          patch: { progressPercent: percent, firstProgressAt: task.firstProgressAt ?? now },
          payload: {
            percent,
            narrative: narrative.trim(),
            attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, sha256: a.sha256, sizeBytes: a.sizeBytes })),
          },
        };
      }
      case 'submit':
        return { patch: { submittedAt: now }, payload: { comment: input.comment ?? null } };
      case 'approve': {
        if (input.rating !== undefined && !QUALITY_RATINGS.includes(input.rating)) {
          throw new DubanError('invalid', `办结质量评价须为 ${QUALITY_RATINGS.join('/')} 之一`, { field: 'rating' });
        }
        return {
          patch: { completedAt: now, progressPercent: 100, qualityRating: input.rating ?? null },
          payload: { rating: input.rating ?? null, comment: input.comment ?? null },
        };
      }
      case 'return':
        return { patch: { returnCount: task.returnCount + 1 }, payload: { reason } };
      case 'decline':
        return { patch: { declinedAt: now }, payload: { reason } };
      case 'reassign': {
        const target = input.departmentId;
        if (!target) throw new DubanError('invalid', '请指定新的承办单位', { field: 'departmentId' });
        if (target === task.departmentId) throw new DubanError('invalid', '新的承办单位与原单位相同', { field: 'departmentId' });
        const d = await manager.getRepository(DepartmentEntity).findOneBy({ id: target });
        if (!d || !inJurisdiction(actor, d.path)) {
          throw new DubanError('invalid', `单位不存在或不在本辖区内：${target}`, { field: 'departmentId' });
        }
        if (await manager.getRepository(TaskEntity).existsBy({ planItemId: task.planItemId, departmentId: target })) {
          throw new DubanError('conflict', `“${d.name}”在该条目下已有任务`, { field: 'departmentId' });
        }
        return {
          patch: {
            departmentId: target,
            assignedAt: now,
            acceptedAt: null,
            firstProgressAt: null,
            submittedAt: null,
            declinedAt: null,
            progressPercent: 0,
          },
          payload: { fromDepartmentId: task.departmentId, toDepartmentId: target, reason: reason ?? null },
        };
      }
      case 'request_extension': {
        const asked = input.dueDate;
        if (!asked || !isCivilDate(asked)) throw new DubanError('invalid', '请填写申请延期至的日期（YYYY-MM-DD）', { field: 'dueDate' });
        if (asked <= task.dueDate) throw new DubanError('invalid', `延期日期须晚于当前期限 ${task.dueDate}`, { field: 'dueDate' });
        return { patch: { pendingExtensionUntil: asked }, payload: { requestedDueDate: asked, currentDueDate: task.dueDate, reason } };
      }
      case 'grant_extension': {
        const granted = input.dueDate ?? task.pendingExtensionUntil!;
        if (!isCivilDate(granted)) throw new DubanError('invalid', `日期无效：${granted}`, { field: 'dueDate' });
        if (granted <= task.dueDate) throw new DubanError('invalid', `延期日期须晚于当前期限 ${task.dueDate}`, { field: 'dueDate' });
        return {
          patch: { dueDate: granted, deadlineVersion: task.deadlineVersion + 1, pendingExtensionUntil: null },
          payload: {
            previousDueDate: task.dueDate,
            newDueDate: granted,
            originalDueDate: task.originalDueDate,
            deadlineVersion: task.deadlineVersion + 1,
            comment: input.comment ?? null,
          },
        };
      }
      case 'deny_extension':
        return { patch: { pendingExtensionUntil: null }, payload: { requestedDueDate: task.pendingExtensionUntil, reason } };
      case 'cancel':
        return { patch: { cancelledAt: now, pendingExtensionUntil: null }, payload: { reason, previousStatus: task.status, to } };
    }
  }

  private async unlinkedAttachments(manager: EntityManager, taskId: string, ids: string[]): Promise<AttachmentEntity[]> {
    if (!ids.length) return [];
    const found = await manager.getRepository(AttachmentEntity).findBy({ id: In(ids), taskId, progressReportId: IsNull() });
    const missing = ids.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) {
      throw new DubanError('invalid', `附件不存在、不属于该任务或已被引用：${missing.join(', ')}`, { field: 'attachmentIds' });
    }
    return found;
  }

  private async recordProgress(manager: EntityManager, actor: Actor, taskId: string, eventId: string, input: TransitionInput, now: Date) {
    const report = await manager.getRepository(ProgressReportEntity).save(
      manager.getRepository(ProgressReportEntity).create({
        taskId,
        eventId,
        percent: input.percent!,
        narrative: input.narrative!.trim(),
        reportedBy: actor.userId,
        reportedAt: now,
      }),
    );
    if (input.attachmentIds?.length) {
      await manager.getRepository(AttachmentEntity).update({ id: In(input.attachmentIds) }, { progressReportId: report.id });
    }
  }
}
