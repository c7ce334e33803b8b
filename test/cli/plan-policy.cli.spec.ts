import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { assignedAction, buildWorld } from '../support/world.js';

let db: TestDatabase;
let ds: DataSource;
let planId: string;
const dir = mkdtempSync(join(tmpdir(), 'duban-policy-'));

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  ({ planId } = await assignedAction(await buildWorld(ds)));
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

/** The real command line, as an operator runs it: `npm run duban -- plan policy …`. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './scripts/register.mjs', 'apps/cli/src/main.ts', 'plan', 'policy', ...args],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: db.url } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const stored = async () => (await ds.query(`SELECT escalation_policy FROM plans WHERE id = $1`, [planId]))[0].escalation_policy;

describe('duban plan policy', () => {
  it('prints the defaults of a plan that sets nothing', async () => {
    const r = await cli(planId);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('全部为默认规则');
    expect(r.stdout).toContain('提醒（默认）：T-7、T-3、T-1、到期当日，09:00 发送');
    expect(r.stdout).toContain('+10 红灯升级→分管领导、督查室，约谈，紧急');
  }, 60_000);

  it('refuses a bad file naming the field, storing nothing', async () => {
    const dup = await cli(planId, '--set', file('dup.json', '{"reminders": {"workingDaysBefore": [3, 3]}}'));
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('reminders.workingDaysBefore');
    expect(dup.stderr).toContain('提醒日有重复');
    const broken = await cli(planId, '--set', file('broken.json', '{"reminders": '));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('不是有效的 JSON');
    expect(await stored()).toBeNull();
    expect((await cli('not-an-id')).code).toBe(2);
  }, 60_000);

  it('sets the overrides from a file and prints what the plan now follows', async () => {
    const r = await cli(planId, '--set', file('fast.json', JSON.stringify({ reminders: { workingDaysBefore: [10, 5, 1] }, quietHours: null })));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('本计划设置了：reminders.workingDaysBefore、quietHours');
    expect(r.stdout).toContain('提醒（本计划设置）：T-10、T-5、T-1');
    expect(r.stdout).toContain('免打扰（本计划设置）：无');
    expect(r.stdout).toContain('2 项未办结任务');
    expect(await stored()).toEqual({ reminders: { workingDaysBefore: [10, 5, 1] }, quietHours: null });
    const json = JSON.parse((await cli(planId, '--json')).stdout);
    expect(json).toMatchObject({ planId, overridden: ['reminders.workingDaysBefore', 'quietHours'] });
  }, 60_000);
});
