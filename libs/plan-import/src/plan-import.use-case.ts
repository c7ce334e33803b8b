import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { DubanError, inJurisdiction, type Actor } from '@duban/access';
import { DepartmentEntity, DraftAssignmentEntity, DraftItemEntity, DraftPlanEntity } from '@duban/persistence';
import { MAX_INPUT_BYTES, parsePlan, PlanParseError, type ParsedPlan } from '@duban/plan-parser';
import { createResolver } from '@duban/registry';
import { buildDraft } from './draft-builder.js';
import { requireCoordinator } from './draft-access.js';
import { toDraftView, type DraftView } from './draft-view.js';
import { loadJurisdictionRegistry } from './jurisdiction-registry.js';

export interface ImportCommand {
  fileName: string;
  bytes: Buffer;
  /** Defaults to the coordinator's jurisdiction; must lie inside it. */
  jurisdictionId?: string;
}

/**
 * Upload → parse → draft. Everything that can reject the document (size, duplicate, parser) runs
 * before the first write, and the draft with its items and proposed tasks is written in one
 * transaction: a rejected document leaves no row behind.
 */
@Injectable()
export class PlanImportUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async import(actor: Actor, cmd: ImportCommand): Promise<DraftView> {
    requireCoordinator(actor);
    const root = await this.jurisdiction(actor, cmd.jurisdictionId);
    if (cmd.bytes.length > MAX_INPUT_BYTES) throw parseRejected(new PlanParseError('TOO_LARGE', `${cmd.bytes.length} bytes`));
    const sha256 = createHash('sha256').update(cmd.bytes).digest('hex');
    await this.refuseDuplicate(this.dataSource.manager, root.id, sha256);
    let parsed: ParsedPlan;
    try {
      parsed = await parsePlan({ bytes: cmd.bytes, fileName: cmd.fileName });
    } catch (err) {
      if (err instanceof PlanParseError) throw parseRejected(err);
      throw err;
    }
    try {
      return await this.dataSource.transaction((manager) => this.store(manager, actor, root, cmd, sha256, parsed));
    } catch (err) {
      // Two uploads of one document racing past the duplicate check: the loser sees the winner.
      if (err instanceof QueryFailedError && (err.driverError as { code?: string })?.code === '23505') {
        await this.refuseDuplicate(this.dataSource.manager, root.id, sha256);
      }
      throw err;
    }
  }

  private async store(manager: EntityManager, actor: Actor, root: DepartmentEntity, cmd: ImportCommand, sha256: string, parsed: ParsedPlan): Promise<DraftView> {
    const { registry, ids } = await loadJurisdictionRegistry(manager, root);
    const proposed = buildDraft(parsed, createResolver(registry), ids);
    const draft = await manager.getRepository(DraftPlanEntity).save(
      manager.getRepository(DraftPlanEntity).create({
        jurisdictionId: root.id,
        sha256,
        fileName: cmd.fileName,
        sizeBytes: cmd.bytes.length,
        title: parsed.title,
        issuers: parsed.issuers,
        docNumber: parsed.docNumber,
        issueDate: parsed.issueDate,
        periodStart: parsed.period?.start ?? null,
        periodEnd: parsed.period?.end ?? null,
        script: parsed.script,
        status: 'draft',
        planId: null,
        createdBy: actor.userId,
        publishedAt: null,
      }),
    );
    const items: DraftItemEntity[] = [];
    const assignments: DraftAssignmentEntity[] = [];
    for (const [index, p] of proposed.entries()) {
      const { assignments: proposedAssignments, ...fields } = p;
      const item = manager.getRepository(DraftItemEntity).create({ ...fields, id: randomUUID(), draftId: draft.id, position: index });
      items.push(item);
      for (const a of proposedAssignments) {
        assignments.push(manager.getRepository(DraftAssignmentEntity).create({ ...a, draftId: draft.id, draftItemId: item.id, position: assignments.length }));
      }
    }
    if (items.length) await manager.getRepository(DraftItemEntity).insert(items);
    if (assignments.length) await manager.getRepository(DraftAssignmentEntity).insert(assignments);
    return toDraftView(manager, draft, { items, assignments });
  }

  private async jurisdiction(actor: Actor, wanted?: string): Promise<DepartmentEntity> {
    const id = wanted ?? actor.jurisdictionId;
    if (!id) throw new DubanError('invalid', '请指定计划所属辖区', { field: 'jurisdictionId' });
    const root = await this.dataSource.getRepository(DepartmentEntity).findOneBy({ id });
    if (!root || !inJurisdiction(actor, root.path)) throw new DubanError('invalid', '计划所属辖区不在本辖区内', { field: 'jurisdictionId' });
    return root;
  }

  private async refuseDuplicate(manager: EntityManager, jurisdictionId: string, sha256: string): Promise<void> {
    const existing = await manager
      .getRepository(DraftPlanEntity)
      .createQueryBuilder('d')
      .where('d.jurisdiction_id = :jurisdictionId AND d.sha256 = :sha256', { jurisdictionId, sha256 })
      .andWhere("d.status <> 'discarded'")
      .getOne();
    if (!existing) return;
    const what = existing.status === 'published' ? `已发布为计划 ${existing.planId}` : `已有草稿 ${existing.id}`;
    throw new DubanError('conflict', `同一文件已导入过（${what}）`, { draftId: existing.id, planId: existing.planId, status: existing.status, sha256 });
  }
}

/** The parser's reason, as a 400 that names the file field and the machine-readable reason. */
function parseRejected(err: PlanParseError): DubanError {
  return new DubanError('invalid', err.message, { field: 'file', reason: err.code });
}
