import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@duban/persistence';
import { command, parseScoresArgs } from '../../apps/cli/src/commands/scores.command.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { assignedAction, buildWorld, type World } from '../support/world.js';
import { assessmentServices, seedScheme } from './assessment-world.js';

let db: TestDatabase;
let ds: DataSource;
let world: World;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  world = await buildWorld(ds, '2024-03-01T01:00:00Z');
  const svc = assessmentServices(ds, world.clock);
  await svc.schemes.register(seedScheme('default'));
  await svc.assessments.open({ year: 2024, jurisdictionId: world.departments.city, schemeId: 'default', schemeVersion: 1 });
  await assignedAction(world, '2024-04-30'); // never done: missed by both A (lead) and B (support)
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

async function runCli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  try {
    const code = await command.run(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.env.DATABASE_URL = previous;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('npm run duban -- scores <year>', () => {
  it('rejects a bad year or option with a message naming it', () => {
    expect(parseScoresArgs([])).toBe('no year given');
    expect(parseScoresArgs(['24'])).toBe('year must be four digits, got "24"');
    expect(parseScoresArgs(['2024', '--jurisdiction'])).toBe('--jurisdiction needs a department code');
    expect(parseScoresArgs(['2024', '--bogus'])).toBe('unknown option: --bogus');
    expect(parseScoresArgs(['2024', '--open'])).toBe('--open needs --jurisdiction <code>');
    expect(parseScoresArgs(['2024', '--jurisdiction', 'x', '--open', '--scheme', 'Bad!'])).toBe('--scheme needs <id>[@<version>], got "Bad!"');
  });

  it('prints rank, unit, score, grade and the top deduction of each department', async () => {
    const { code, out } = await runCli(['2024', '--jurisdiction', 'city', '--recompute']);
    expect(code).toBe(0);
    expect(out).toContain('楚雄州人民政府 2024年度考核');
    const lineA = out.split('\n').find((l) => l.includes('州教育体育局'))!;
    expect(lineA).toMatch(/^\s+\d+\s+\d+\.\d{2}\s+\S+/);
    expect(lineA).toContain('逾期未完成');
    const scoreA = Number(/^\s+\d+\s+(\d+\.\d{2})/.exec(lineA)![1]);
    const [{ score }] = await ds.query(`SELECT score::float AS score FROM department_scores WHERE department_id = $1`, [world.departments.deptA]);
    expect(scoreA).toBe(score);
  });

  it('--open registers the seed schemes and opens another year for the jurisdiction, then scores it', async () => {
    const { code, out } = await runCli(['2025', '--jurisdiction', 'city', '--open', '--scheme', 'chuxiong']);
    expect(code).toBe(0);
    expect(out).toContain('2025年度考核');
    expect(out).toContain('楚雄');
    const [row] = await ds.query(`SELECT scheme_id, scheme_version FROM assessments WHERE year = 2025`);
    expect(row).toEqual({ scheme_id: 'chuxiong', scheme_version: 1 });
    const again = await runCli(['2025', '--jurisdiction', 'city', '--open', '--scheme', 'chuxiong']);
    expect(again.code).toBe(0);
  });

  it('says which year has no assessment', async () => {
    const { code, err } = await runCli(['2031']);
    expect(code).toBe(1);
    expect(err).toContain('没有2031年度的考核');
  });
});
