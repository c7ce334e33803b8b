import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssessmentService, SchemeVersionService, ScoreRecomputeUseCase } from '@duban/assessment';
import { E2eApp } from '../support/e2e-app.js';
import { body, buildHttpWorld, type Caller, type HttpWorld } from '../e2e/http-world.js';
import { seedScheme } from './assessment-world.js';

/** The committee's routes through the real API, with the department scoping checked per route. */
let app: E2eApp;
let world: HttpWorld;
let coordinator: Caller;
let leadA: Caller;
let leadB: Caller;
let assessor: Caller;

beforeAll(async () => {
  app = await E2eApp.start({ start: '2024-03-04T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'leadB', 'assessor']);
  ({ coordinator, leadA, leadB, assessor } = world.users as Required<HttpWorld['users']>);
  const schemes = new SchemeVersionService(app.dataSource);
  await schemes.register(seedScheme('default'));
  const assessment = await new AssessmentService(app.dataSource, schemes).open({
    year: 2024,
    jurisdictionId: world.departments.city,
    schemeId: 'default',
    schemeVersion: 1,
  });
  const plan = body(await coordinator.post('/api/plans', { title: '2024年重点工作', periodStart: 2024, periodEnd: 2024 }), 201);
  const [item] = body(await coordinator.post(`/api/plans/${plan.id}/items`, { items: [{ path: '1', kind: 'task', heading: '建成智慧教育平台', deadline: '2024-04-30' }] }), 201);
  body(await coordinator.post(`/api/plans/${plan.id}/items/${item.id}/assignments`, { leadDepartmentId: world.departments.deptA, supportDepartmentIds: [world.departments.deptB] }), 201);
  app.clock.set('2024-06-03T02:00:00Z');
  await new ScoreRecomputeUseCase(app.dataSource, app.clock, schemes).recomputeAll(assessment.id);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

describe('assessment API', () => {
  it('gives the committee the table by peer group and the grade distribution; department leads get 403', async () => {
    const table = body(await assessor.get('/api/assessments/2024/scores'));
    const rows = table.groups.flatMap((g: { departments: unknown[] }) => g.departments);
    const a = rows.find((r: { departmentId: string }) => r.departmentId === world.departments.deptA);
    expect(a.breakdown.missed).toBeLessThan(0);
    expect(a.score).toBeCloseTo(100 + a.breakdown.missed, 2);
    const distribution = body(await coordinator.get('/api/assessments/2024/distribution'));
    expect(distribution.groups[0].size).toBe(rows.length);
    expect((await leadA.get('/api/assessments/2024/scores')).status).toBe(403);
    expect((await assessor.get('/api/assessments/abc/scores')).status).toBe(400);
  });

  it('shows a lead their own ledger and answers 404 for another department (no IDOR)', async () => {
    const own = body(await leadA.get(`/api/assessments/2024/departments/${world.departments.deptA}/ledger`));
    expect(own.lines.map((l: { rule: string }) => l.rule)).toEqual(['base', 'missed']);
    expect(own.lines[1].reason).toContain('建成智慧教育平台');
    expect((await leadB.get(`/api/assessments/2024/departments/${world.departments.deptA}/ledger`)).status).toBe(404);
  });

  it('files an appeal, lets only the committee rule on it, and the score follows', async () => {
    const own = body(await leadA.get(`/api/assessments/2024/departments/${world.departments.deptA}/ledger`));
    const missed = own.lines[1];
    expect(body(await leadA.post('/api/assessments/2024/appeals', { lineKey: missed.key }), 400).error).toBe('validation_failed');
    const appeal = body(await leadA.post('/api/assessments/2024/appeals', { lineKey: missed.key, reason: '已按上级通知暂缓' }), 201);
    expect((await leadA.post(`/api/assessments/appeals/${appeal.id}/decision`, { decision: 'void_line' })).status).toBe(403);
    expect(body(await assessor.post(`/api/assessments/appeals/${appeal.id}/decision`, { decision: 'void_line' })).status).toBe('line_voided');
    const after = body(await leadA.get(`/api/assessments/2024/departments/${world.departments.deptA}/ledger`));
    expect(after.table.score).toBe(100);
    expect(body(await leadA.get('/api/assessments/2024/appeals'))).toHaveLength(1);
    expect(body(await leadB.get('/api/assessments/2024/appeals'))).toHaveLength(0);
  });

  it('runs a what-if, exports CSV, and finalizes once', async () => {
    const whatIf = body(await assessor.post('/api/assessments/2024/what-if', { schemeId: 'default', version: 1 }));
    expect(whatIf.rows.every((r: { delta: number }) => r.delta === 0)).toBe(true);
    const csv = await assessor.get('/api/assessments/2024/export?format=csv').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await coordinator.post('/api/assessments/2024/finalize')).status).toBe(403);
    expect(body(await assessor.post('/api/assessments/2024/finalize')).departments).toBeGreaterThanOrEqual(2);
    expect((await assessor.post('/api/assessments/2024/finalize')).status).toBe(409);
  });
});
