import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { DepartmentEntity, DraftPlanEntity } from '@duban/persistence';
import { requireCoordinator, visibleDraft } from './draft-access.js';
import { toDraftView, type DraftView } from './draft-view.js';

export interface DraftListEntry {
  id: string;
  status: string;
  title: string | null;
  fileName: string;
  planId: string | null;
  createdAt: string;
}

@Injectable()
export class DraftQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async get(actor: Actor, draftId: string): Promise<DraftView> {
    const manager = this.dataSource.manager;
    return toDraftView(manager, await visibleDraft(manager, actor, draftId));
  }

  /** Drafts of the coordinator's jurisdiction, newest first. */
  async list(actor: Actor): Promise<DraftListEntry[]> {
    requireCoordinator(actor);
    const rows = await this.dataSource
      .getRepository(DraftPlanEntity)
      .createQueryBuilder('p')
      .innerJoin(DepartmentEntity, 'j', 'j.id = p.jurisdiction_id')
      .where("j.path LIKE :jp", { jp: `${actor.jurisdictionPath ?? '\u0000'}%` })
      .orderBy('p.created_at', 'DESC')
      .getMany();
    return rows.map((d) => ({ id: d.id, status: d.status, title: d.title, fileName: d.fileName, planId: d.planId, createdAt: d.createdAt.toISOString() }));
  }
}
