import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the real CLI the way a user does, and checks stdout is exactly one JSON document. */
const ROOT = process.cwd();
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', './scripts/register.mjs', 'apps/cli/src/main.ts', 'plan', 'parse', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('duban plan parse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-parse-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON document for a plan', () => {
    const r = cli('test/fixtures/plan-parse/extra/nanning-2024-health-action-plan.gb18030.txt', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { title: string; items: { path: string }[] };
    expect(plan.title).toBe('南宁市基层卫生健康服务能力提升行动方案');
    expect(plan.items.length).toBeGreaterThan(10);
  }, 60_000);

  it.each([
    ['empty.txt', Buffer.alloc(0), /文件为空/],
    ['binary.txt', Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]), /binary/],
    ['prose.txt', Buffer.from('这是一段没有编号结构的普通文字。\n只是新闻报道。'), /not a plan/],
  ])('rejects %s with a reason on stderr and nothing on stdout', (name, bytes, reason) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const r = cli(file, '--json');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason);
  }, 60_000);

  it('names a missing file and bad usage', () => {
    const missing = cli(join(dir, 'nope.txt'), '--json');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file/);
    const usage = cli();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  }, 60_000);
});
