import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { FixedClock } from '@duban/clock';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { assessmentServices, seedScheme } from './assessment-world.js';

/**
 * Ten bureaus with no 2024 tasks all score 100.00: under the default scheme 良好 (≥ 100) is capped at
 * 20%, two of ten, so only the closing tie-breaker 单位编号顺序 decides who gets it. Two databases
 * hold the same registry under different ids — ascending with the codes in one, descending in the
 * other — and must grade every unit alike.
 */
const CODES = Array.from({ length: 10 }, (_, i) => `tb.bureau-${String(i + 1).padStart(2, '0')}`);
const ROOT_ID = '00000000-0000-4000-8000-000000000000';
const idAt = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Installation {
  db: TestDatabase;
  ds: DataSource;
  svc: ReturnType<typeof assessmentServices>;
  admin: Actor;
}

const installations: Installation[] = [];

async function install(idOfCode: (index: number) => string): Promise<Installation> {
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  await ds.query(`INSERT INTO departments (id, code, name, kind, parent_id, path) VALUES ($1, 'tb', '测试市人民政府', 'government', NULL, $2)`, [ROOT_ID, `/${ROOT_ID}/`]);
  for (const [index, code] of CODES.entries()) {
    const id = idOfCode(index);
    await ds.query(`INSERT INTO departments (id, code, name, kind, parent_id, path) VALUES ($1, $2, $3, 'bureau', $4, $5)`, [
      id,
      code,
      `测试局${index + 1}`,
      ROOT_ID,
      `/${ROOT_ID}/${id}/`,
    ]);
  }
  const svc = assessmentServices(ds, new FixedClock('2025-01-10T02:00:00Z'));
  await svc.schemes.register(seedScheme('default'));
  await svc.assessments.open({ year: 2024, jurisdictionId: ROOT_ID, schemeId: 'default', schemeVersion: 1 });
  const admin: Actor = { userId: 'admin', username: 'admin', role: 'admin', departmentId: ROOT_ID, jurisdictionId: ROOT_ID, jurisdictionPath: `/${ROOT_ID}/` };
  const installation = { db, ds, svc, admin };
  installations.push(installation);
  return installation;
}

/** code → grade, rank and notes, as stored after a full recompute. */
async function gradesByCode({ ds, svc, admin }: Installation) {
  const { assessment } = await svc.assessments.resolve(admin, 2024);
  await svc.recompute.recomputeAll(assessment.id);
  const rows: Array<{ code: string; grade: string; rank: number; score: string; notes: string[] }> = await ds.query(
    `SELECT d.code, s.grade, s.rank, s.score::text AS score, s.notes FROM department_scores s JOIN departments d ON d.id = s.department_id ORDER BY d.code`,
  );
  return rows;
}

let ascending: Installation;
let descending: Installation;

beforeAll(async () => {
  ascending = await install((index) => idAt(index + 1));
  descending = await install((index) => idAt(CODES.length - index));
});

afterAll(async () => {
  for (const { ds, db } of installations) {
    await ds.destroy();
    await db.drop();
  }
});

describe('tie-break by unit code across databases', () => {
  it('gives the same grades, ranks and notes in two databases whose ids order the units oppositely', async () => {
    const first = await gradesByCode(ascending);
    const second = await gradesByCode(descending);
    expect(first.map((row) => row.score)).toEqual(Array(10).fill('100.00'));
    expect(second).toEqual(first);
    expect(first.filter((row) => row.grade === '良好').map((row) => row.code)).toEqual(['tb.bureau-01', 'tb.bureau-02']);
    expect(first.map((row) => row.rank)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(first[2].notes).toContain('与第2名同为100分，按“单位编号顺序”排在其后');
    expect(first[2].notes.join()).toContain('“良好”名额');
  });

  it('what-if ranks the tied units by code too', async () => {
    const rows = async ({ svc, admin }: Installation) => {
      const result = await svc.whatIf.compare(admin, 2024, { schemeId: 'default', version: 1 });
      return result.rows.map((row) => [row.name, row.current?.grade, row.alternative?.rank]).sort();
    };
    const first = await rows(ascending);
    expect(await rows(descending)).toEqual(first);
    expect(first.filter(([, grade]) => grade === '良好').map(([name]) => name)).toEqual(['测试局1', '测试局2']);
  });
});
