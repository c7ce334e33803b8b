import { describe, it, expect } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, type ParsedPlan, type PlanItem } from '@duban/plan-parser';
import { SEED_DOCUMENTS_DIR } from '../support/seed-documents.js';

/**
 * Compares the parser with the hand-written expectations in test/fixtures/plan-parse/*.expected.json,
 * field by field, and reports every mismatch with its path and field.
 */
const FIXTURES = join(process.cwd(), 'test/fixtures/plan-parse');
const SEED_DIRS = [SEED_DOCUMENTS_DIR];

interface ExpectedTarget {
  value: number;
  unit: string;
  comparator: string;
}
interface ExpectedItem {
  path: string;
  kind: string;
  title?: string;
  departments: { lead: string[]; support: string[] };
  deadline: string | null;
  recurrence: string | null;
  targets: ExpectedTarget[];
}
interface Fixture {
  seed: string;
  metadata: Pick<ParsedPlan, 'title' | 'issuers' | 'docNumber' | 'issueDate' | 'period'>;
  items: ExpectedItem[];
}

function seedPath(name: string): string | null {
  for (const dir of SEED_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

const sortedSet = (xs: string[]) => [...new Set(xs)].sort();
const targetKey = (t: ExpectedTarget) => `${t.value}|${t.unit}|${t.comparator}`;
const multiset = (ts: ExpectedTarget[]) => ts.map(targetKey).sort();

/**
 * The fixture README marks the Dazhou briefing's targets as best-effort (issue 3 grades only its items
 * and units): they are compared and reported, but do not fail the suite.
 */
const SOFT_TARGETS = new Set(['dazhou-2022-work-briefing.txt']);

export function compareItem(expected: ExpectedItem, actual: PlanItem | undefined, softTargets: boolean): { hard: string[]; soft: string[] } {
  const hard: string[] = [];
  const soft: string[] = [];
  const at = `item ${expected.path}`;
  if (!actual) return { hard: [`${at}: missing`], soft };
  const diff = (field: string, e: unknown, a: unknown) =>
    hard.push(`${at} ${field}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
  if (actual.kind !== expected.kind) diff('kind', expected.kind, actual.kind);
  if (expected.title !== undefined && actual.title !== expected.title) diff('title', expected.title, actual.title);
  for (const role of ['lead', 'support'] as const) {
    const e = sortedSet(expected.departments[role]);
    const a = sortedSet(actual.departments[role]);
    if (JSON.stringify(e) !== JSON.stringify(a)) diff(`departments.${role}`, e, a);
  }
  // Per the fixture README, deadline/recurrence/targets are ground truth on tasks only.
  if (expected.kind === 'task') {
    if (actual.deadline !== expected.deadline) diff('deadline', expected.deadline, actual.deadline);
    if (actual.recurrence !== expected.recurrence) diff('recurrence', expected.recurrence, actual.recurrence);
    const e = multiset(expected.targets);
    const a = multiset(actual.targets);
    if (JSON.stringify(e) !== JSON.stringify(a)) {
      const line = `${at} targets: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`;
      (softTargets ? soft : hard).push(line);
    }
  }
  return { hard, soft };
}

const fixtureFiles = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json')).sort() : [];

describe('seed fixtures', () => {
  it('has fixtures to compare against', () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
  });

  for (const file of fixtureFiles) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;

    describe(fixture.seed, () => {
      const path = seedPath(fixture.seed);
      let parsed: ParsedPlan;
      const load = async () => {
        if (!path) throw new Error(`seed document ${fixture.seed} not found in ${SEED_DIRS.join(', ')}`);
        parsed ??= await parsePlan({ bytes: readFileSync(path), fileName: fixture.seed });
        return parsed;
      };

      it('metadata matches', async () => {
        const plan = await load();
        const mismatches: string[] = [];
        for (const field of ['title', 'issuers', 'docNumber', 'issueDate', 'period'] as const) {
          const e = fixture.metadata[field];
          const a = plan[field];
          if (JSON.stringify(e) !== JSON.stringify(a)) mismatches.push(`${field}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
        }
        expect(mismatches).toEqual([]);
      });

      it('every expected item is parsed with equal fields', async () => {
        const plan = await load();
        const byPath = new Map(plan.items.map((i) => [i.path, i]));
        const hard: string[] = [];
        const soft: string[] = [];
        for (const item of fixture.items) {
          const r = compareItem(item, byPath.get(item.path), SOFT_TARGETS.has(fixture.seed));
          hard.push(...r.hard);
          soft.push(...r.soft);
        }
        if (soft.length) process.stderr.write(`[best-effort, not failing] ${fixture.seed}\n  ${soft.join('\n  ')}\n`);
        expect(hard).toEqual([]);
      });

      it('finds no task items beyond the expected ones', async () => {
        const plan = await load();
        const expected = new Set(fixture.items.map((i) => i.path));
        const extra = plan.items.filter((i) => i.kind === 'task' && !expected.has(i.path)).map((i) => i.path);
        expect(extra).toEqual([]);
      });
    });
  }
});
