import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { E2E_JWT_SECRET, E2eApp } from '../support/e2e-app.js';
import { body, buildHttpWorld, type Caller, type HttpWorld } from './http-world.js';

// Real HTTP, Postgres and Redis on a busy 2-core machine: generous per-test time, polls still end early.
jest.setTimeout(30_000);

let app: E2eApp;
let world: HttpWorld;
let coordinator: Caller;
let leadA: Caller;
let planId: string;
let itemId: string;
let taskId: string;

beforeAll(async () => {
  app = await E2eApp.start({ start: '2025-03-03T02:00:00Z' });
  world = await buildHttpWorld(app, ['coordinator', 'leadA', 'leadB']);
  ({ coordinator, leadA } = world.users as Required<HttpWorld['users']>);
  planId = body(await coordinator.post('/api/plans', { title: '接口契约测试计划' }), 201).id;
  [{ id: itemId }] = body(await coordinator.post(`/api/plans/${planId}/items`, { items: [{ path: '一', kind: 'task', heading: '契约任务', deadline: '2025-12-31' }] }), 201);
  [{ id: taskId }] = body(await coordinator.post(`/api/plans/${planId}/items/${itemId}/assignments`, { leadDepartmentId: world.departments.deptA }), 201);
  body(await leadA.post(`/api/tasks/${taskId}/accept`));
}, 60_000);

afterAll(async () => {
  await app?.close();
});

async function taskFootprint() {
  const [row] = await app.dataSource.query(
    `SELECT t.version, (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id) AS events,
            (SELECT count(*)::int FROM attachments a WHERE a.task_id = t.id) AS attachments
       FROM tasks t WHERE t.id = $1`,
    [taskId],
  );
  return row as { version: number; events: number; attachments: number };
}

const fieldsOf = (res: { body: { fields?: Array<{ field: string }> } }) => (res.body.fields ?? []).map((f) => f.field).sort();

/** Every operation the OpenAPI document lists, with path parameters filled by a well-formed unknown id. */
async function documentedRoutes(): Promise<Array<{ method: string; path: string; template: string }>> {
  const doc = body(await app.http().get('/api/docs-json'));
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([template, ops]) =>
    Object.keys(ops).map((method) => ({ method, template, path: template.replace(/\{[^}]+\}/g, randomUUID()) })),
  );
}

const PUBLIC = ['post /api/auth/login', 'get /health'];

describe('authentication', () => {
  it('answers 401 without a token on every documented route except login and health', async () => {
    const routes = await documentedRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const res = await (app.http() as unknown as Record<string, (p: string) => PromiseLike<{ status: number; body: { error?: string } }>>)[r.method](r.path);
      const key = `${r.method} ${r.template}`;
      if (PUBLIC.includes(key)) {
        expect({ key, status: res.status }).not.toEqual({ key, status: 401 });
      } else {
        expect({ key, status: res.status, error: res.body.error }).toEqual({ key, status: 401, error: 'unauthenticated' });
      }
    }
    expect(routes.map((r) => `${r.method} ${r.template}`)).toEqual(expect.arrayContaining(PUBLIC));
  });

  it('serves login, health and the docs without a token', async () => {
    expect((await app.http().get('/health')).status).toBe(200);
    expect((await app.http().get('/api/docs-json')).status).toBe(200);
    const html = await app.http().get('/api/docs');
    expect(html.status).toBe(200);
    expect(html.text).toContain('swagger');
  });

  it('answers 401 to a bad, foreign, expired or revoked token, and to wrong credentials', async () => {
    const me = body(await leadA.get('/api/auth/me'));
    const foreign = new JwtService({ secret: 'someone-elses-secret-0000' }).sign({ sub: me.userId, role: 'admin' });
    const expired = new JwtService({ secret: E2E_JWT_SECRET }).sign({ sub: me.userId, exp: Math.floor(Date.now() / 1000) - 60 });
    const unknownUser = new JwtService({ secret: E2E_JWT_SECRET }).sign({ sub: randomUUID() });
    for (const header of ['Bearer not-a-jwt', `Bearer ${foreign}`, `Bearer ${expired}`, `Bearer ${unknownUser}`, 'Basic bGVhZEE6eA==', 'Bearer ']) {
      const res = await app.http().get(`/api/tasks/${taskId}`).set('Authorization', header);
      expect({ header, status: res.status, error: res.body.error }).toEqual({ header, status: 401, error: 'unauthenticated' });
    }
    const wrong = await app.http().post('/api/auth/login').send({ username: 'leadA', password: 'wrong-password' });
    const nobody = await app.http().post('/api/auth/login').send({ username: 'nobody', password: 'wrong-password' });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(nobody.body.message); // no hint which usernames exist
    expect(wrong.body).not.toHaveProperty('accessToken');
  });

  it('stops honouring the token of a deactivated user at once', async () => {
    const leadB = world.users.leadB!;
    expect((await leadB.get('/api/tasks')).status).toBe(200);
    await app.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [leadB.userId]);
    expect((await leadB.get('/api/tasks')).status).toBe(401);
    await app.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [leadB.userId]);
  });
});

describe('validation', () => {
  it('names every bad field of a body and changes nothing', async () => {
    const before = await taskFootprint();
    const res = await leadA.post(`/api/tasks/${taskId}/progress`, { percent: 150, narrative: '', attachmentIds: ['x'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect(fieldsOf(res)).toEqual(['attachmentIds', 'narrative', 'percent']);
    for (const f of res.body.fields) expect(f.messages.length).toBeGreaterThan(0);
    expect(await taskFootprint()).toEqual(before);
  });

  it('names nested fields by their path', async () => {
    const res = await coordinator.post(`/api/plans/${planId}/items`, {
      items: [
        { path: '二', kind: 'task', heading: '正确的条目' },
        { path: '', kind: 'bogus', heading: '坏条目', deadline: '2025-13-45', targets: [{ value: 'abc', unit: '%', comparator: '>=' }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['items.1.deadline', 'items.1.kind', 'items.1.path', 'items.1.targets.0.value']);
    const plan = body(await coordinator.get(`/api/plans/${planId}`));
    expect(JSON.stringify(plan)).not.toContain('正确的条目'); // the valid item was not stored either
  });

  it.each([
    ['POST /api/plans', '/api/plans', { title: '', periodStart: 1800, issueDate: '2025-02-30x' }, ['issueDate', 'periodStart', 'title']],
    ['POST /api/users', '/api/users', { username: 'bad name', displayName: 'x', password: 'short', role: 'king', departmentId: 'nope' }, ['departmentId', 'password', 'role', 'username']],
    ['POST /api/departments', '/api/departments', { code: 'UPPER CASE', name: '', kind: 'castle' }, ['code', 'kind', 'name']],
    ['POST /api/auth/login', '/api/auth/login', { username: 'leadA' }, ['password']],
    ['POST .../return without a reason', '/api/tasks/{task}/return', {}, ['reason']],
    ['POST .../extension-request with a bad date', '/api/tasks/{task}/extension-request', { dueDate: '31/12/2025', reason: 'x' }, ['dueDate']],
    ['POST .../approve with an unknown rating', '/api/tasks/{task}/approve', { rating: 'A+' }, ['rating']],
    ['POST .../accept with a bad expectedVersion', '/api/tasks/{task}/accept', { expectedVersion: 'two' }, ['expectedVersion']],
  ])('%s → 400 naming the fields', async (_name, path, payload, fields) => {
    const res = await coordinator.post(path.replace('{task}', taskId), payload);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(fieldsOf(res)).toEqual(fields);
  });

  it('validates query strings too', async () => {
    const res = await coordinator.get('/api/tasks?limit=0&status=bogus&planId=nope');
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['limit', 'planId', 'status']);
  });

  it('rejects unknown fields in bodies and query strings, naming them', async () => {
    const before = await taskFootprint();
    const res = await leadA.post(`/api/tasks/${taskId}/progress`, { percent: 10, narrative: '正常', status: 'completed', version: 99 });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['status', 'version']);
    expect(await taskFootprint()).toEqual(before);
    const dept = await coordinator.post('/api/departments', { code: 'cx.x', name: '某局', kind: 'bureau', parentId: world.departments.city, path: '/' });
    expect(dept.status).toBe(400);
    expect(fieldsOf(dept)).toEqual(['path']);
    const q = await coordinator.get('/api/tasks?sort=id');
    expect(q.status).toBe(400);
    expect(fieldsOf(q)).toEqual(['sort']);
  });

  it('answers an unknown route with 404 in the same error shape', async () => {
    const res = await app.http().get('/api/no-such-route').set('Authorization', leadA.authorization);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found', message: expect.stringMatching(/^接口或资源不存在/) });
  });

  it('answers 400 to a malformed JSON body', async () => {
    const before = await taskFootprint();
    const res = await app
      .http()
      .post(`/api/tasks/${taskId}/progress`)
      .set('Authorization', leadA.authorization)
      .set('Content-Type', 'application/json')
      .send('{"percent": 50, "narrative": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'bad_request', message: expect.stringMatching(/^请求格式有误：.*JSON/) });
    expect(await taskFootprint()).toEqual(before);
  });
});

describe('ids', () => {
  it.each([
    ['get', '/api/tasks/not-a-uuid'],
    ['get', '/api/tasks/123/events'],
    ['get', '/api/tasks/123/events/verify'],
    ['post', '/api/tasks/123/accept'],
    ['get', '/api/tasks/123/attachments'],
    ['get', '/api/tasks/{task}/attachments/not-a-uuid'],
    ['get', '/api/plans/xyz'],
    ['post', '/api/plans/xyz/items'],
    ['post', '/api/plans/{plan}/items/xyz/assignments'],
    ['post', '/api/inbox/xyz/read'],
    ['get', `/api/tasks/${randomUUID()}`],
    ['post', `/api/tasks/${randomUUID()}/submit`],
    ['get', `/api/tasks/{task}/attachments/${randomUUID()}`],
    ['get', `/api/plans/${randomUUID()}`],
    ['post', `/api/inbox/${randomUUID()}/read`],
  ])('%s %s → 404', async (method, template) => {
    const path = template.replace('{task}', taskId).replace('{plan}', planId);
    const who = path.startsWith('/api/inbox') ? leadA : coordinator;
    const payload = path.endsWith('/assignments') ? { leadDepartmentId: world.departments.deptB } : path.endsWith('/items') ? { items: [{ path: '九', kind: 'heading', heading: 'x' }] } : {};
    const res = method === 'get' ? await who.get(path) : await who.post(path, payload);
    expect({ path, status: res.status, error: res.body.error }).toEqual({ path, status: 404, error: 'not_found' });
  });
});

describe('health and docs', () => {
  it('/health reports postgres and redis up', async () => {
    const res = await app.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('/api/docs-json is an OpenAPI document listing the task routes, with bearer auth', async () => {
    const doc = body(await app.http().get('/api/docs-json'));
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain('duban');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/tasks',
        'GET /api/tasks/{taskId}',
        'GET /api/tasks/{taskId}/events',
        'GET /api/tasks/{taskId}/events/verify',
        'POST /api/tasks/{taskId}/accept',
        'POST /api/tasks/{taskId}/progress',
        'POST /api/tasks/{taskId}/submit',
        'POST /api/tasks/{taskId}/approve',
        'POST /api/tasks/{taskId}/return',
        'POST /api/tasks/{taskId}/decline',
        'POST /api/tasks/{taskId}/reassign',
        'POST /api/tasks/{taskId}/extension-request',
        'POST /api/tasks/{taskId}/extension-grant',
        'POST /api/tasks/{taskId}/extension-deny',
        'POST /api/tasks/{taskId}/cancel',
        'GET /api/tasks/{taskId}/attachments',
        'POST /api/tasks/{taskId}/attachments',
        'GET /api/tasks/{taskId}/attachments/{attachmentId}',
        'GET /api/inbox',
        'POST /api/inbox/{entryId}/read',
        'GET /health',
      ]),
    );
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect(doc.paths['/api/tasks/{taskId}/progress'].post.requestBody).toBeDefined();
  });
});

describe('evidence limits', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const pdfOf = (size: number) => {
    const b = Buffer.alloc(size, 0x20);
    b.write('%PDF-1.4\n');
    return b;
  };

  it.each([
    ['one byte over 10 MB', 'big.pdf', () => pdfOf(TEN_MB + 1), /10 MB/],
    ['far over 10 MB', 'huge.pdf', () => pdfOf(TEN_MB + 2 * 1024 * 1024), /10 MB/],
    ['an executable', 'setup.exe', () => Buffer.from('MZ\x90\x00'), /不支持的文件类型/],
    ['a PDF in name only', 'report.pdf', () => Buffer.from('<html>not a pdf</html>'), /不符/],
    ['an empty file', 'empty.pdf', () => Buffer.alloc(0), /为空/],
  ])('refuses %s with 400 and a reason, storing nothing', async (_what, name, bytes, reason) => {
    const before = await taskFootprint();
    const res = await leadA.upload(`/api/tasks/${taskId}/attachments`, name, bytes());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid', field: 'file' });
    expect(res.body.message).toMatch(reason);
    expect(await taskFootprint()).toEqual(before);
  });

  it('refuses an upload without the file field', async () => {
    const res = await leadA.post(`/api/tasks/${taskId}/attachments`, {});
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['file']);
  });

  it('accepts exactly 10 MB', async () => {
    const before = await taskFootprint();
    const res = await leadA.upload(`/api/tasks/${taskId}/attachments`, '年度总结.pdf', pdfOf(TEN_MB));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sizeBytes: TEN_MB, fileName: '年度总结.pdf' });
    expect((await taskFootprint()).attachments).toBe(before.attachments + 1);
  });
});
