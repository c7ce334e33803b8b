import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { UserService } from '@duban/organization';
import { createDataSource, DepartmentEntity } from '@duban/persistence';
import { DraftEditUseCase, DraftQueryService } from '@duban/plan-import';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { settleDraft, type DraftEditor } from './draft-fixer.js';
import { SEED_DIR, SEED_PLANS, type SeedCode } from './seed-world.js';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command line, as an operator runs it: `npm run duban -- plan import …`. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './scripts/register.mjs', 'apps/cli/src/main.ts', 'plan', 'import', ...args],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: db.url }, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** On a database nobody seeded, the command signs as `<code>.importer`, a coordinator no one can log in as. */
async function importerOf(code: SeedCode): Promise<Actor> {
  const [row] = await ds.query(`SELECT id FROM users WHERE username = $1`, [`${code}.importer`]);
  return (await new UserService(ds).loadActor(row.id))!;
}

function useCaseEditor(actor: Actor, draftId: string): DraftEditor {
  const edits = new DraftEditUseCase(ds);
  return {
    setTitle: (title) => edits.updateMetadata(actor, draftId, { title }),
    addAssignment: (itemId, departmentId, role) => edits.addAssignment(actor, draftId, itemId, { departmentId, role }),
    resolve: (assignmentId, departmentId) => edits.updateAssignment(actor, draftId, assignmentId, { departmentId }),
    remove: (assignmentId) => edits.removeAssignment(actor, draftId, assignmentId),
    setRole: (assignmentId, role) => edits.updateAssignment(actor, draftId, assignmentId, { role }),
    setItemDeadline: (itemId, deadline) => edits.updateItem(actor, draftId, itemId, { deadline }),
  };
}

describe('npm run duban -- plan import', () => {
  it.each(Object.keys(SEED_PLANS) as SeedCode[])('imports the %s seed plan, refuses to publish it while problems block, and publishes it once reviewed', async (code) => {
    const file = join(SEED_DIR, SEED_PLANS[code]);
    // No --jurisdiction for most: the command recognises the jurisdiction from the text.
    const first = await cli(file, ...(code === 'bazhong' ? ['--jurisdiction', code] : []));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const draftId = /^草稿 ([0-9a-f-]{36})/m.exec(first.stdout)?.[1];
    expect(draftId).toBeDefined();
    const actor = await importerOf(code);
    expect(actor).toMatchObject({ role: 'coordinator', jurisdictionId: (await ds.getRepository(DepartmentEntity).findOneByOrFail({ code })).id });
    const draft = await new DraftQueryService(ds).get(actor, draftId!);
    expect(first.stdout).toContain(`需处理 ${draft.summary.blockingProblems} 个`);
    for (const p of draft.problems) expect(first.stdout).toContain(p.message);

    if (draft.summary.blockingProblems > 0) {
      const refused = await cli(file, '--jurisdiction', code, '--publish');
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(`同一文件已导入为草稿 ${draftId}`);
      expect(refused.stderr).toContain(`还有 ${draft.summary.blockingProblems} 个问题需要处理`);
      expect(refused.stderr).toContain(draft.problems.find((p) => p.blocking)!.message);
      expect(await ds.query(`SELECT count(*)::int AS n FROM draft_plans WHERE status = 'published' AND id = $1`, [draftId])).toEqual([{ n: 0 }]);
    }

    const edu = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: `${code}.edu` });
    const settled = await settleDraft(draft, useCaseEditor(actor, draftId!), edu.id, '2025-12-31');
    const published = await cli(file, '--jurisdiction', code, '--publish');
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    const planId = /已发布：计划 ([0-9a-f-]{36})/.exec(published.stdout)?.[1];
    const expected = settled.items.reduce((n, i) => n + (i.kind === 'task' ? i.assignments.length : 0), 0);
    expect(published.stdout).toContain(`任务 ${expected} 项`);
    expect(await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND status = 'assigned'`, [planId])).toEqual([{ n: expected }]);

    const again = await cli(file, '--jurisdiction', code);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`已发布为计划 ${planId}`);
  }, 180_000);

  it('names the parser reason for a bad file and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-import-'));
    const before = await ds.query(`SELECT (SELECT count(*)::int FROM draft_plans) AS d, (SELECT count(*)::int FROM draft_items) AS i`);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'memo.txt'), '通知：明天下午开会。\n请准时参加。\n');
    const empty = await cli(join(dir, 'empty.txt'), '--jurisdiction', 'chuxiong');
    expect([empty.code, empty.stderr]).toEqual([1, expect.stringContaining('[EMPTY]')]);
    const memo = await cli(join(dir, 'memo.txt'), '--jurisdiction', 'chuxiong');
    expect([memo.code, memo.stderr]).toEqual([1, expect.stringContaining('[NOT_A_PLAN]')]);
    const missing = await cli(join(dir, 'nope.txt'), '--jurisdiction', 'chuxiong');
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('文件不存在')]);
    const usage = await cli();
    expect(usage.code).toBe(2);
    const nowhere = await cli(join(SEED_DIR, SEED_PLANS.chuxiong), '--jurisdiction', 'atlantis');
    expect([nowhere.code, nowhere.stderr]).toEqual([1, expect.stringContaining('atlantis')]);
    const nobody = await cli(join(SEED_DIR, SEED_PLANS.chuxiong), '--jurisdiction', 'chuxiong', '--as', 'nobody');
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringContaining('no user "nobody"')]);
    expect(await ds.query(`SELECT (SELECT count(*)::int FROM draft_plans) AS d, (SELECT count(*)::int FROM draft_items) AS i`)).toEqual(before);
  }, 60_000);
});

