import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { SystemClock } from '@duban/clock';
import { readEnv } from '@duban/config';
import { UserService } from '@duban/organization';
import { createDataSource, DepartmentEntity } from '@duban/persistence';
import { DraftPublishUseCase, DraftQueryService, PlanImportUseCase, seedRegistryDepartments, type DraftView } from '@duban/plan-import';
import { decodeInput, MAX_INPUT_BYTES, PlanParseError } from '@duban/plan-parser';
import { loadRegistries, loadRegistryFile, SEED_JURISDICTIONS, toSimplified } from '@duban/registry';
import { REGISTRY_DIR, registryFile } from './repo-paths.js';

interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run duban -- plan import <file> [--jurisdiction <code>] [--publish] [--as <coordinator username>]';

interface Options {
  file: string;
  jurisdiction: string | null;
  publish: boolean;
  as: string | null;
}

export function parseArgs(args: string[]): Options | string {
  const opts: Options = { file: '', jurisdiction: null, publish: false, as: null };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--publish') opts.publish = true;
    else if (a === '--jurisdiction' || a === '--as') {
      const v = args[++i];
      if (!v || v.startsWith('--')) return `${a} needs a value`;
      if (a === '--as') opts.as = v;
      else opts.jurisdiction = v;
    } else if (a.startsWith('--')) return `unknown option: ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return files.length ? 'give exactly one file' : 'no file given';
  opts.file = files[0];
  return opts;
}

/**
 * The seed jurisdiction a document belongs to when --jurisdiction is not given: the one whose own
 * name (楚雄州, 抚顺市 …) the text mentions most. Null when none is mentioned.
 */
export function guessJurisdiction(original: string): string | null {
  // Registry names are simplified; a traditional copy (江門市) must still find 江门市.
  const text = toSimplified(original);
  let best: { code: string; hits: number } | null = null;
  for (const registry of loadRegistries(REGISTRY_DIR)) {
    const root = registry.departments.find((d) => d.parentCode === null);
    const names = [root?.name ?? '', ...(root?.aliases ?? [])].filter((n) => n.length >= 3);
    const hits = names.reduce((n, name) => n + text.split(name).length - 1, 0);
    if (hits > 0 && (!best || hits > best.hits)) best = { code: registry.jurisdiction, hits };
  }
  return best?.code ?? null;
}

export function renderDraft(v: DraftView): string {
  const lines = [
    `草稿 ${v.id}（${v.fileName}，${v.status}）`,
    `标题：${v.title ?? '（未识别）'}  文号：${v.docNumber ?? '—'}  成文日期：${v.issueDate ?? '—'}  规划期：${v.period ? `${v.period.start}—${v.period.end}` : '—'}`,
    `条目 ${v.summary.items} 个，其中任务条目 ${v.summary.taskItems} 个；拟交办任务 ${v.summary.proposedTasks} 项；待确认单位名称 ${v.summary.unresolvedNames} 个`,
    `问题：需处理 ${v.summary.blockingProblems} 个，提示 ${v.summary.warnings} 个`,
    ...v.problems.map((p) => `  [${p.blocking ? '需处理' : '提示'}] ${p.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function userActor(ds: DataSource, username: string): Promise<Actor | null> {
  const [row] = await ds.query(`SELECT id FROM users WHERE username = $1`, [username]);
  return row ? new UserService(ds).loadActor(row.id) : null;
}

/**
 * Who imports: --as <username>, else the jurisdiction's coordinator when seeded, else a service
 * account `<jurisdiction>.importer` with a random password nobody knows (it cannot log in; it
 * only signs the draft and the plan as their creator). Never a demo account with a known password.
 */
export async function importer(ds: DataSource, jurisdiction: string, root: DepartmentEntity, as: string | null): Promise<Actor> {
  const username = as ?? `${jurisdiction}.coordinator`;
  let actor = await userActor(ds, username);
  if (!actor && as) throw new Error(`no user "${as}"`);
  if (!actor) {
    const service = `${jurisdiction}.importer`;
    actor = await userActor(ds, service);
    if (!actor) {
      const password = randomBytes(24).toString('base64url');
      const { id } = await new UserService(ds).create(null, { username: service, displayName: '计划导入（命令行）', password, role: 'coordinator', departmentId: root.id, jurisdictionId: root.id });
      actor = await new UserService(ds).loadActor(id);
    }
  }
  if (!actor || actor.role !== 'coordinator') throw new Error(`user "${actor?.username ?? username}" is not a coordinator`);
  return actor;
}

export const command: Command = {
  async run(args: string[]): Promise<number> {
    const opts = parseArgs(args);
    if (typeof opts === 'string') {
      process.stderr.write(`${opts}\n${USAGE}\n`);
      return 2;
    }
    let bytes: Buffer;
    try {
      const info = await stat(opts.file);
      if (!info.isFile()) throw new Error(`${opts.file} is not a file`);
      if (info.size > MAX_INPUT_BYTES) throw new PlanParseError('TOO_LARGE', opts.file);
      bytes = await readFile(opts.file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(`plan import: ${opts.file}: ${e.code === 'ENOENT' ? '文件不存在 (no such file)' : e.message}\n`);
      return 1;
    }
    const fileName = basename(opts.file);
    let jurisdiction = opts.jurisdiction;
    if (!jurisdiction) {
      jurisdiction = await decodeInput(bytes, fileName).then(({ text }) => guessJurisdiction(text), () => null);
      if (!jurisdiction) {
        process.stderr.write(`plan import: cannot tell the jurisdiction from the document; pass --jurisdiction (${SEED_JURISDICTIONS.join(' | ')})\n`);
        return 2;
      }
    }
    const ds = createDataSource(readEnv().databaseUrl);
    await ds.initialize();
    try {
      // The registry's departments must exist before names can resolve to them; seeding is idempotent.
      if (!/^[a-z0-9-]+$/.test(jurisdiction)) throw new Error(`--jurisdiction must be a registry name such as chuxiong, got "${jurisdiction}"`);
      await seedRegistryDepartments(ds, loadRegistryFile(registryFile(jurisdiction)));
      const root = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: jurisdiction });
      const actor = await importer(ds, jurisdiction, root, opts.as);
      let draft: DraftView;
      try {
        draft = await new PlanImportUseCase(ds).import(actor, { fileName, bytes, jurisdictionId: root.id });
      } catch (err) {
        if (!(err instanceof DubanError && err.code === 'conflict' && err.details.status === 'draft')) throw err;
        // The same document again: pick up its draft where the review left it.
        process.stdout.write(`同一文件已导入为草稿 ${String(err.details.draftId)}，继续使用该草稿\n`);
        draft = await new DraftQueryService(ds).get(actor, String(err.details.draftId));
      }
      process.stdout.write(renderDraft(draft));
      if (!opts.publish) return 0;
      const blocking = draft.problems.filter((p) => p.blocking);
      if (blocking.length) {
        process.stderr.write(`plan import: 不能发布，还有 ${blocking.length} 个问题需要处理：\n${blocking.map((p) => `  ${p.message}`).join('\n')}\n`);
        return 1;
      }
      const published = await new DraftPublishUseCase(ds, new SystemClock()).publish(actor, draft.id);
      process.stdout.write(`已发布：计划 ${published.planId}，条目 ${published.items} 个，任务 ${published.tasks} 项\n`);
      return 0;
    } catch (err) {
      if (err instanceof DubanError) {
        process.stderr.write(`plan import: ${opts.file}: ${err.message}${err.details.reason ? ` [${String(err.details.reason)}]` : ''}\n`);
        return 1;
      }
      process.stderr.write(`plan import: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await ds.destroy();
    }
  },
};
