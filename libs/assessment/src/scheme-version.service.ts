import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError } from '@duban/access';
import { ScoringSchemeVersionEntity } from '@duban/persistence';
import {
  SchemeRegistry,
  SchemeRegistryError,
  SchemeValidationError,
  parseScoringScheme,
  type SchemeChanges,
  type ScoringScheme,
} from '@duban/scoring';

export interface SchemeVersionView {
  schemeId: string;
  version: number;
  name: string;
  frozen: boolean;
}

/**
 * Scheme versions in Postgres, with the pure SchemeRegistry's rules: the same content twice is a
 * no-op, other content under an existing version is refused, a version used by a finalized year is
 * frozen and can only be revised into a new version.
 */
@Injectable()
export class SchemeVersionService {
  constructor(private readonly dataSource: DataSource) {}

  async register(content: unknown): Promise<ScoringScheme> {
    const scheme = parse(content);
    const repo = this.dataSource.getRepository(ScoringSchemeVersionEntity);
    const existing = await repo.findOneBy({ schemeId: scheme.id, version: scheme.version });
    if (existing) {
      if (JSON.stringify(parse(existing.content)) === JSON.stringify(scheme)) return scheme;
      throw new DubanError('conflict', `考核方案 ${scheme.id} 第${scheme.version}版已存在且内容不同；修改方案请生成新版本`, {
        schemeId: scheme.id,
        version: scheme.version,
      });
    }
    await repo.insert({ schemeId: scheme.id, version: scheme.version, name: scheme.name, content: toJson(scheme) as never, frozenAt: null });
    return scheme;
  }

  async get(schemeId: string, version: number, manager: EntityManager = this.dataSource.manager): Promise<ScoringScheme> {
    const row = await manager.getRepository(ScoringSchemeVersionEntity).findOneBy({ schemeId, version });
    if (!row) throw new DubanError('not_found', `找不到考核方案 ${schemeId} 第${version}版`, { schemeId, version });
    return parse(row.content);
  }

  async list(): Promise<SchemeVersionView[]> {
    const rows = await this.dataSource.getRepository(ScoringSchemeVersionEntity).find({ order: { schemeId: 'ASC', version: 'ASC' } });
    return rows.map((r) => ({ schemeId: r.schemeId, version: r.version, name: r.name, frozen: r.frozenAt !== null }));
  }

  /** A new version (highest + 1) with the changes; the original stays as it was. */
  async revise(schemeId: string, version: number, changes: SchemeChanges): Promise<ScoringScheme> {
    const registry = await this.registryOf(schemeId);
    const next = guard(() => registry.revise(registry.get(schemeId, version), changes));
    await this.dataSource
      .getRepository(ScoringSchemeVersionEntity)
      .insert({ schemeId, version: next.version, name: next.name, content: toJson(next) as never, frozenAt: null });
    return next;
  }

  /** Edits a draft version in place; refused once a finalized year used it. */
  async amend(schemeId: string, version: number, changes: SchemeChanges): Promise<ScoringScheme> {
    const registry = await this.registryOf(schemeId);
    const amended = guard(() => registry.amend(registry.get(schemeId, version), changes));
    const result = await this.dataSource
      .getRepository(ScoringSchemeVersionEntity)
      .createQueryBuilder()
      .update()
      .set({ name: amended.name, content: toJson(amended) as never })
      .where('scheme_id = :schemeId AND version = :version AND frozen_at IS NULL', { schemeId, version })
      .execute();
    if (result.affected !== 1) throw new DubanError('conflict', `考核方案 ${schemeId} 第${version}版已用于定稿年度，不能修改；请生成新版本`);
    return amended;
  }

  /** Called in the finalize transaction: from now on the version never changes. */
  async freeze(manager: EntityManager, schemeId: string, version: number, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ScoringSchemeVersionEntity)
      .set({ frozenAt: at })
      .where('scheme_id = :schemeId AND version = :version AND frozen_at IS NULL', { schemeId, version })
      .execute();
  }

  private async registryOf(schemeId: string): Promise<SchemeRegistry> {
    const rows = await this.dataSource.getRepository(ScoringSchemeVersionEntity).find({ where: { schemeId }, order: { version: 'ASC' } });
    if (rows.length === 0) throw new DubanError('not_found', `找不到考核方案 ${schemeId}`, { schemeId });
    const registry = new SchemeRegistry();
    for (const row of rows) {
      registry.register(row.content);
      if (row.frozenAt) registry.markUsedByFinalizedYear(row.schemeId, row.version);
    }
    return registry;
  }
}

function parse(content: unknown): ScoringScheme {
  try {
    return parseScoringScheme(content);
  } catch (error) {
    if (error instanceof SchemeValidationError) throw new DubanError('invalid', error.message, { issues: error.issues });
    throw error;
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SchemeRegistryError) {
      throw new DubanError(error.code === 'SCHEME_NOT_FOUND' ? 'not_found' : 'conflict', error.message, { code: error.code });
    }
    if (error instanceof SchemeValidationError) throw new DubanError('invalid', error.message, { issues: error.issues });
    throw error;
  }
}

function toJson(scheme: ScoringScheme): Record<string, unknown> {
  return JSON.parse(JSON.stringify(scheme)) as Record<string, unknown>;
}
