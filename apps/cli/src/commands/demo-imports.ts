import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DubanError } from '@duban/access';
import type { Clock } from '@duban/clock';
import { DepartmentEntity } from '@duban/persistence';
import { DraftPublishUseCase, PlanImportUseCase, seedRegistryDepartments, type DraftView } from '@duban/plan-import';
import { loadRegistryFile, SEED_JURISDICTIONS } from '@duban/registry';
import { importer } from './plan-import.command.js';
import { PLANS_DIR, registryFile } from './repo-paths.js';

/** The real plan documents the demo imports: public government documents, kept under their own names. */
export const DEMO_DOCUMENTS_DIR = join(PLANS_DIR, 'documents');

export type DemoImportOutcome =
  | { fileName: string; jurisdiction: string; kind: 'published'; draft: DraftView; planId: string; tasks: number }
  | { fileName: string; jurisdiction: string; kind: 'review'; draft: DraftView; firstProblem: string }
  | { fileName: string; jurisdiction: string; kind: 'already'; status: string; draftId: string; planId: string | null };

/** A document's jurisdiction is its file-name prefix (`chuxiong-2023-….txt`), one of the seeded registries. */
export function documentJurisdiction(fileName: string): string {
  const code = fileName.split('-')[0];
  if (!(SEED_JURISDICTIONS as readonly string[]).includes(code)) {
    throw new Error(`${fileName}: the demo reads the jurisdiction from the file name prefix, and "${code}" is not one of ${SEED_JURISDICTIONS.join(', ')}`);
  }
  return code;
}

export function demoDocuments(dir = DEMO_DOCUMENTS_DIR): string[] {
  return readdirSync(dir).filter((f) => /\.(txt|docx|xlsx|csv)$/i.test(f)).sort();
}

/**
 * Imports one document the way `plan import` does (registry departments seeded idempotently, the
 * jurisdiction's coordinator or import service account as the importer), and publishes the draft
 * when nothing blocks it. A document imported before (same content hash) is reported, not redone.
 */
export async function importDemoDocument(ds: DataSource, clock: Clock, fileName: string, dir = DEMO_DOCUMENTS_DIR): Promise<DemoImportOutcome> {
  const jurisdiction = documentJurisdiction(fileName);
  await seedRegistryDepartments(ds, loadRegistryFile(registryFile(jurisdiction)));
  const root = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: jurisdiction });
  const actor = await importer(ds, jurisdiction, root, null);
  let draft: DraftView;
  try {
    draft = await new PlanImportUseCase(ds).import(actor, { fileName, bytes: readFileSync(join(dir, fileName)), jurisdictionId: root.id });
  } catch (err) {
    if (!(err instanceof DubanError && err.code === 'conflict' && err.details.draftId)) throw err;
    const planId = err.details.planId ? String(err.details.planId) : null;
    return { fileName, jurisdiction, kind: 'already', status: String(err.details.status), draftId: String(err.details.draftId), planId };
  }
  const blocking = draft.problems.filter((p) => p.blocking);
  if (blocking.length) return { fileName, jurisdiction, kind: 'review', draft, firstProblem: blocking[0].message };
  const published = await new DraftPublishUseCase(ds, clock).publish(actor, draft.id);
  return { fileName, jurisdiction, kind: 'published', draft, planId: published.planId, tasks: published.tasks };
}

/** One line per document: title, items, proposed tasks, problems; then what happened to it. */
export function renderImport(o: DemoImportOutcome): string[] {
  if (o.kind === 'already') {
    const where = o.planId ? `已发布为计划 ${o.planId}` : `草稿 ${o.draftId}（${o.status === 'draft' ? '待督查室审核' : o.status}）`;
    return [`${o.fileName}：已导入（内容哈希相同），${where}，跳过`];
  }
  const s = o.draft.summary;
  const head =
    `${o.fileName}：《${o.draft.title ?? '（未识别标题）'}》 条目 ${s.items} 个（任务条目 ${s.taskItems}），` +
    `拟交办任务 ${s.proposedTasks} 项，需处理问题 ${s.blockingProblems} 个，提示 ${s.warnings} 个`;
  if (o.kind === 'published') return [head, `  → 已发布：计划 ${o.planId}，交办任务 ${o.tasks} 项`];
  return [head, `  → 待督查室审核后发布：${o.firstProblem}${o.draft.summary.blockingProblems > 1 ? ` 等 ${o.draft.summary.blockingProblems} 个问题` : ''}`];
}
