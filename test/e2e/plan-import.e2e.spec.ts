import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { UserService } from '@duban/organization';
import { DepartmentEntity } from '@duban/persistence';
import { seedRegistryDepartments, type DraftView } from '@duban/plan-import';
import { loadRegistryFile } from '@duban/registry';
import { E2E_PASSWORD, E2eApp } from '../support/e2e-app.js';
import { waitFor } from '../support/wait-for.js';
import { settleDraft, type DraftEditor } from '../plan-import/draft-fixer.js';
import { SEED_DIR, SEED_PLANS, type SeedCode } from '../plan-import/seed-world.js';
import { body } from './http-world.js';

let app: E2eApp;
const ids = new Map<string, string>();
const tokens = new Map<SeedCode, string>();

async function seed(code: SeedCode): Promise<string> {
  const registry = loadRegistryFile(join(process.cwd(), 'seeds/registry', `${code}.json`));
  await seedRegistryDepartments(app.dataSource, registry);
  for (const d of await app.dataSource.getRepository(DepartmentEntity).find()) ids.set(d.code, d.id);
  await new UserService(app.dataSource).create(null, { username: `${code}.coordinator`, displayName: '督查室', password: E2E_PASSWORD, role: 'coordinator', departmentId: ids.get(code)!, jurisdictionId: ids.get(code)! });
  const token = await app.login(`${code}.coordinator`);
  tokens.set(code, token);
  return token;
}

/** A logged-in client for the plan-import routes. */
function as(token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    upload: (fileName: string, bytes: Buffer) => app.http().post('/api/plan-imports').set(auth).attach('file', bytes, fileName),
    get: (path: string) => app.http().get(`/api${path}`).set(auth),
    post: (path: string, data: object = {}) => app.http().post(`/api${path}`).set(auth).send(data),
    patch: (path: string, data: object) => app.http().patch(`/api${path}`).set(auth).send(data),
    delete: (path: string) => app.http().delete(`/api${path}`).set(auth),
  };
}
type Client = ReturnType<typeof as>;

function apiEditor(c: Client, draftId: string): DraftEditor {
  const d = `/plan-imports/${draftId}`;
  return {
    setTitle: async (title) => body(await c.patch(d, { title })),
    addAssignment: async (itemId, departmentId, role) => body(await c.post(`${d}/items/${itemId}/assignments`, { departmentId, role }), 201),
    resolve: async (assignmentId, departmentId) => body(await c.patch(`${d}/assignments/${assignmentId}`, { departmentId })),
    remove: async (assignmentId) => body(await c.delete(`${d}/assignments/${assignmentId}`)),
    setRole: async (assignmentId, role) => body(await c.patch(`${d}/assignments/${assignmentId}`, { role })),
    setItemDeadline: async (itemId, deadline) => body(await c.patch(`${d}/items/${itemId}`, { deadline })),
  };
}

const seedBytes = (code: SeedCode) => readFileSync(join(SEED_DIR, SEED_PLANS[code]));

async function rowCounts() {
  const [row] = await app.dataSource.query(
    `SELECT (SELECT count(*)::int FROM draft_plans) AS drafts, (SELECT count(*)::int FROM draft_items) AS items,
            (SELECT count(*)::int FROM draft_assignments) AS assignments, (SELECT count(*)::int FROM plans) AS plans,
            (SELECT count(*)::int FROM plan_items) AS plan_items, (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return row as Record<string, number>;
}

beforeAll(async () => {
  app = await E2eApp.start({ start: '2024-01-08T02:00:00Z' });
  await seed('chuxiong');
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('plan import through the API, with the worker in process', () => {
  let chuxiongDraft: DraftView;
  let chuxiongPlanId: string;

  it('imports the Chuxiong plan, resolves its departments, publishes it, and every department finds its tasks in its inbox', async () => {
    const c = as(tokens.get('chuxiong')!);
    const draft = body<DraftView>(await c.upload(SEED_PLANS.chuxiong, seedBytes('chuxiong')), 201);
    expect(draft).toMatchObject({ status: 'draft', title: '楚雄州教育高质量发展三年行动实施方案', period: { start: 2023, end: 2025 }, issueDate: '2023-10-10', fileName: SEED_PLANS.chuxiong });
    expect(draft.summary.taskItems).toBe(draft.items.filter((i) => i.kind === 'task').length);
    // 四.(三): 由州委教育工委、州教育体育局、州政府教育督导委办公室牵头负责 — names resolved against the registry.
    const oversight = draft.items.find((i) => i.path === '四.(三)')!;
    expect(oversight.assignments.map((a) => [a.sourceName, a.departmentId])).toEqual([
      ['州委教育工委', ids.get('chuxiong.party.edu-work')],
      ['州教育体育局', ids.get('chuxiong.edu')],
      ['州政府教育督导委办公室', ids.get('chuxiong.edu-inspection')],
    ]);
    expect(oversight.assignments.every((a) => a.departmentId !== null && a.role === 'lead')).toBe(true);
    expect(oversight.assignments.every((a) => ['exact', 'alias', 'fuzzy'].includes(a.resolution.status))).toBe(true);
    expect(oversight.assignments[0]).toMatchObject({ deadline: '2025-12-31', deadlineSource: 'plan_end' });
    // The actions name no unit: each is a blocking problem, and publishing now is refused with the list.
    const unassigned = draft.problems.filter((p) => p.code === 'no_department');
    expect(unassigned.length).toBe(draft.items.filter((i) => i.kind === 'task' && i.assignments.length === 0).length);
    expect(unassigned.length).toBeGreaterThan(20);
    const refused = await c.post(`/plan-imports/${draft.id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.problems.length).toBe(draft.summary.blockingProblems);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM plans`)).toEqual([{ n: 0 }]);

    // The coordinator spreads the actions over three bureaus (the finance bureau supports the first).
    const bureaus = ['chuxiong.edu', 'chuxiong.finance', 'chuxiong.hrss'].map((code) => ids.get(code)).filter((x): x is string => !!x);
    expect(bureaus.length).toBe(3);
    let v = draft;
    for (const [n, p] of unassigned.entries()) v = body(await c.post(`/plan-imports/${draft.id}/items/${p.itemId}/assignments`, { departmentId: bureaus[n % 3], role: 'lead' }), 201);
    v = body(await c.post(`/plan-imports/${draft.id}/items/${unassigned[0].itemId}/assignments`, { departmentId: bureaus[1], role: 'support' }), 201);
    expect(v.problems.filter((p) => p.blocking)).toEqual([]);
    chuxiongDraft = v;

    const published = body(await c.post(`/plan-imports/${draft.id}/publish`), 201);
    chuxiongPlanId = published.planId;
    const expectedTasks = v.items.reduce((n, i) => n + (i.kind === 'task' ? i.assignments.length : 0), 0);
    expect(published).toMatchObject({ draftId: draft.id, items: v.items.length, tasks: expectedTasks });
    const plan = body(await c.get(`/plans/${published.planId}`));
    expect(plan.items.map((i: { path: string }) => i.path)).toEqual(v.items.map((i) => i.path));
    expect(body(await c.get(`/plan-imports/${draft.id}`))).toMatchObject({ status: 'published', planId: published.planId });

    // Each department's lead sees exactly its tasks of the plan in the inbox (relay + projector ran).
    const byDepartment = new Map<string, string[]>();
    for (const t of await app.dataSource.query(`SELECT id, department_id FROM tasks WHERE plan_id = $1`, [published.planId])) {
      byDepartment.set(t.department_id, [...(byDepartment.get(t.department_id) ?? []), t.id]);
    }
    expect(byDepartment.size).toBeGreaterThanOrEqual(4);
    for (const [departmentId, taskIds] of byDepartment) {
      const username = `lead.${departmentId.slice(0, 8)}`;
      await new UserService(app.dataSource).create(null, { username, displayName: username, password: E2E_PASSWORD, role: 'department_lead', departmentId });
      const lead = as(await app.login(username));
      const inbox = await waitFor(
        async () => body<Array<{ taskId: string; lastEventType: string }>>(await lead.get('/inbox')),
        (entries) => entries.length >= taskIds.length,
        { what: `inbox of ${username}`, timeoutMs: 20_000 },
      );
      expect(inbox.map((e) => e.taskId).sort()).toEqual([...taskIds].sort());
      expect(inbox.every((e) => e.lastEventType === 'TaskAssigned')).toBe(true);
    }
  }, 120_000);

  it('recognises the same document (409 naming the draft and plan) and refuses to publish twice', async () => {
    const c = as(tokens.get('chuxiong')!);
    const before = await rowCounts();
    const again = await c.upload('renamed-copy.txt', seedBytes('chuxiong'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'conflict', draftId: chuxiongDraft.id, planId: chuxiongPlanId, status: 'published' });
    expect(again.body.message).toContain(chuxiongPlanId);
    const twice = await c.post(`/plan-imports/${chuxiongDraft.id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain(chuxiongPlanId);
    const edit = await c.patch(`/plan-imports/${chuxiongDraft.id}`, { title: '改名' });
    expect(edit.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects bad input of each kind with the parser reason and stores nothing', async () => {
    const c = as(tokens.get('chuxiong')!);
    const before = await rowCounts();
    const cases: Array<[string, Buffer, string]> = [
      ['empty.txt', Buffer.alloc(0), 'EMPTY'],
      ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), 'BINARY'],
      ['garbled.txt', Buffer.alloc(400, 0xff), 'UNDECODABLE'],
      ['huge.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'TOO_LARGE'],
      ['letter.txt', Buffer.from('各位同事：\n下周一上午九点在三楼会议室开会，请准时参加。\n谢谢。\n', 'utf8'), 'NOT_A_PLAN'],
    ];
    for (const [name, bytes, reason] of cases) {
      const res = await c.upload(name, bytes);
      expect({ name, status: res.status, reason: res.body.reason, field: res.body.field }).toEqual({ name, status: 400, reason, field: 'file' });
      expect(res.body.message.length).toBeGreaterThan(5);
    }
    const missing = await c.post('/plan-imports');
    expect(missing.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  }, 60_000);

  it('validates each review edit, merges and splits items, and refuses what a coordinator may not do', async () => {
    const c = as(tokens.get('chuxiong')!);
    const text = [
      '楚雄州学校安全和师资专项工作方案',
      '（2024—2025年）',
      '一、重点任务',
      '（一）加强师资建设。2024年底前完成全员培训。（州教育体育局牵头，州财政局配合）',
      '（二）推进校园安全。（各县（市、区）人民政府负责）',
      '（三）完善经费保障机制。（州级有关部门、火星事务管理局负责）',
      '（四）做好宣传引导工作。',
      '二、保障措施',
      '（一）加强组织领导。（州教育体育局负责）',
    ].join('\n');
    let v = body<DraftView>(await c.upload('专项方案.txt', Buffer.from(text, 'utf8')), 201);
    expect(v.fileName).toBe('专项方案.txt');
    const item = (title: string) => v.items.find((i) => i.title.startsWith(title))!;
    expect(item('加强师资建设').assignments.map((a) => [a.departmentId, a.role, a.deadline, a.deadlineSource])).toEqual([
      [ids.get('chuxiong.edu'), 'lead', '2024-12-31', 'stated'],
      [ids.get('chuxiong.finance'), 'support', '2024-12-31', 'stated'],
    ]);
    const counties = await app.dataSource.query(`SELECT count(*)::int AS n FROM departments WHERE code LIKE 'chuxiong.county.%' AND kind = 'county'`);
    expect(item('推进校园安全').assignments.length).toBe(counties[0].n);
    expect(item('推进校园安全').assignments.every((a) => a.resolution.status === 'collective' && a.role === 'lead')).toBe(true);
    // No date in the item or its heading: the plan's last day, flagged as a default.
    expect(item('加强组织领导').assignments).toEqual([expect.objectContaining({ departmentId: ids.get('chuxiong.edu'), deadline: '2025-12-31', deadlineSource: 'plan_end' })]);
    expect(v.problems.find((p) => p.code === 'deadline_defaulted' && p.itemId === item('加强组织领导').id)).toMatchObject({ blocking: false });
    const codes = v.problems.filter((p) => p.blocking).map((p) => p.code).sort();
    expect(codes).toEqual(['collective_needs_choice', 'no_department', 'unresolved_department']);

    const d = `/plan-imports/${v.id}`;
    const funding = item('完善经费保障机制');
    const choice = funding.assignments.find((a) => a.resolution.reason === 'needs_coordinator_choice')!;
    const alien = funding.assignments.find((a) => a.sourceName?.includes('火星'))!;
    // Validation: unknown department, another jurisdiction's department, a bad date, a bad role.
    const unknown = await c.patch(`${d}/assignments/${choice.id}`, { departmentId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'departmentId']);
    const outsider = await app.dataSource.query(`INSERT INTO departments (code, name, kind, path) VALUES ('elsewhere', '外市教育局', 'bureau', '/x/') RETURNING id`);
    const foreign = await c.post(`${d}/items/${item('做好宣传').id}/assignments`, { departmentId: outsider[0].id, role: 'lead' });
    expect([foreign.status, foreign.body.message]).toEqual([400, expect.stringContaining('不在本计划的辖区内')]);
    const badDate = await c.patch(`${d}/items/${item('做好宣传').id}`, { deadline: '2024-02-30' });
    expect(badDate.status).toBe(400);
    const badRole = await c.post(`${d}/items/${item('做好宣传').id}/assignments`, { departmentId: ids.get('chuxiong.edu'), role: 'boss' });
    expect([badRole.status, badRole.body.error]).toEqual([400, 'validation_failed']);
    const dup = await c.post(`${d}/items/${item('加强师资建设').id}/assignments`, { departmentId: ids.get('chuxiong.edu'), role: 'support' });
    expect(dup.status).toBe(409);
    const onHeading = await c.post(`${d}/items/${v.items.find((i) => i.kind === 'heading')!.id}/assignments`, { departmentId: ids.get('chuxiong.edu'), role: 'lead' });
    expect(onHeading.status).toBe(400);

    // Fixes: the collective becomes the finance bureau, the unknown body goes, the last action gets a lead and a date.
    v = body(await c.patch(`${d}/assignments/${choice.id}`, { departmentId: ids.get('chuxiong.finance') }));
    expect(item('完善经费保障机制').assignments.find((a) => a.id === choice.id)).toMatchObject({ departmentId: ids.get('chuxiong.finance'), resolution: { status: 'manual' } });
    v = body(await c.delete(`${d}/assignments/${alien.id}`));
    v = body(await c.post(`${d}/items/${item('做好宣传').id}/assignments`, { departmentId: ids.get('chuxiong.edu'), role: 'lead' }), 201);
    v = body(await c.patch(`${d}/items/${item('做好宣传').id}`, { deadline: '2024-06-30' }));
    expect(item('做好宣传').assignments[0]).toMatchObject({ deadline: '2024-06-30', deadlineSource: 'edited' });

    // Merge (四) into (三): departments united, the source item gone.
    const before = v.items.length;
    v = body(await c.post(`${d}/items/merge`, { sourceItemId: item('做好宣传').id, targetItemId: item('完善经费保障机制').id }));
    expect(v.items.length).toBe(before - 1);
    expect(item('完善经费保障机制').assignments.map((a) => a.departmentId).sort()).toEqual([ids.get('chuxiong.edu'), ids.get('chuxiong.finance')].sort());
    expect(item('完善经费保障机制').text).toContain('做好宣传引导工作');
    const self = await c.post(`${d}/items/merge`, { sourceItemId: item('完善经费保障机制').id, targetItemId: item('完善经费保障机制').id });
    expect(self.status).toBe(400);

    // Split (一) into two parts: it becomes their heading, each part keeps its departments.
    const teachers = item('加强师资建设');
    const tooFew = await c.post(`${d}/items/${teachers.id}/split`, { parts: [{ title: '只有一部分' }] });
    expect(tooFew.status).toBe(400);
    v = body(await c.post(`${d}/items/${teachers.id}/split`, { parts: [{ title: '开展全员培训' }, { title: '建立培训档案' }] }));
    const parts = v.items.filter((i) => i.path.startsWith(`${teachers.path}.`));
    expect(parts.map((p) => [p.path, p.kind, p.assignments.length])).toEqual([[`${teachers.path}.1`, 'task', 2], [`${teachers.path}.2`, 'task', 2]]);
    expect(v.items.find((i) => i.id === teachers.id)).toMatchObject({ kind: 'heading', assignments: [] });
    expect(v.problems.filter((p) => p.blocking)).toEqual([]);

    // Department leads may not review drafts; another jurisdiction's coordinator does not see this one.
    await new UserService(app.dataSource).create(null, { username: 'edu.lead', displayName: 'edu', password: E2E_PASSWORD, role: 'department_lead', departmentId: ids.get('chuxiong.edu')! });
    const lead = as(await app.login('edu.lead'));
    expect((await lead.post(`${d}/publish`)).status).toBe(403);
    expect((await lead.upload('x.txt', Buffer.from(text))).status).toBe(403);

    const published = body(await c.post(`${d}/publish`), 201);
    expect(published.tasks).toBe(v.items.reduce((n, i) => n + (i.kind === 'task' ? i.assignments.length : 0), 0));
    const due = await app.dataSource.query(`SELECT DISTINCT due_date::text AS d FROM tasks t JOIN plan_items i ON i.id = t.plan_item_id WHERE t.plan_id = $1 AND i.path = $2`, [published.planId, `${teachers.path}.1`]);
    expect(due).toEqual([{ d: '2024-12-31' }]);
  }, 60_000);

  it('imports an .xlsx task table: table columns become leads, supports and stated deadlines; a GB18030 copy is the same draft content', async () => {
    const c = as(tokens.get('chuxiong')!);
    const rows = [
      ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '新建中小学10所，新增学位1.2万个', '州教育体育局', '州发展改革委、州财政局', '2025年6月底前'],
      ['2', '义务教育巩固率达到99%以上', '州教育体育局', '各县（市、区）人民政府', '2024年底'],
    ];
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('任务分解');
    sheet.addRow(['楚雄州2024年教育重点任务分解表']);
    sheet.mergeCells('A1:E1');
    for (const r of rows) sheet.addRow(r);
    const xlsx = body<DraftView>(await c.upload('任务分解表.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), 201);
    const first = xlsx.items.find((i) => i.title.startsWith('新建中小学'))!;
    expect(first.assignments.map((a) => [a.departmentId, a.role, a.deadline, a.deadlineSource])).toEqual([
      [ids.get('chuxiong.edu'), 'lead', '2025-06-30', 'stated'],
      [ids.get('chuxiong.ndrc'), 'support', '2025-06-30', 'stated'],
      [ids.get('chuxiong.finance'), 'support', '2025-06-30', 'stated'],
    ]);
    expect(first.targets.map((t) => [t.value, t.unit])).toEqual([[10, '所'], [12000, '个']]);
    const second = xlsx.items.find((i) => i.title.startsWith('义务教育巩固率'))!;
    expect(second.assignments.filter((a) => a.role === 'support' && a.resolution.status === 'collective').length).toBeGreaterThan(5);

    const csv = rows.map((r) => r.join(',')).join('\r\n');
    const gb = body<DraftView>(await c.upload('任务分解表.csv', iconv.encode(csv, 'gb18030')), 201);
    expect(gb.id).not.toBe(xlsx.id);
    const strip = (v: DraftView) => v.items.filter((i) => i.kind === 'task').map((i) => [i.title, i.assignments.map((a) => [a.departmentId, a.role, a.deadline])]);
    expect(strip(gb)).toEqual(strip(xlsx));
    expect(body(await c.post(`/plan-imports/${gb.id}/discard`)).status).toBe('discarded');
    expect(body(await c.post(`/plan-imports/${xlsx.id}/publish`), 201).tasks).toBe(first.assignments.length + second.assignments.length);
  });

  it.each(['bazhong', 'dazhou', 'fushun', 'jiangmen'] as const)('imports, reviews and publishes the %s seed plan', async (code) => {
    const c = as(await seed(code));
    const draft = body<DraftView>(await c.upload(SEED_PLANS[code], seedBytes(code)), 201);
    expect(draft.summary.taskItems).toBeGreaterThan(0);
    const settled = await settleDraft(draft, apiEditor(c, draft.id), ids.get(`${code}.edu`)!, '2025-12-31');
    const published = body(await c.post(`/plan-imports/${draft.id}/publish`), 201);
    const expected = settled.items.reduce((n, i) => n + (i.kind === 'task' ? i.assignments.length : 0), 0);
    expect(published.tasks).toBe(expected);
    const [row] = await app.dataSource.query(
      `SELECT count(*)::int AS tasks, count(DISTINCT e.id)::int AS events, (SELECT count(*)::int FROM outbox o WHERE o.payload->>'taskId' IN (SELECT id::text FROM tasks WHERE plan_id = $1)) AS outbox
         FROM tasks t JOIN task_events e ON e.task_id = t.id AND e.type = 'TaskAssigned' WHERE t.plan_id = $1`,
      [published.planId],
    );
    expect(row).toEqual({ tasks: expected, events: expected, outbox: expected });
  }, 120_000);

  it("hides a draft from another jurisdiction's coordinator (404) and lists only the caller's drafts", async () => {
    const fushun = as(tokens.get('fushun')!);
    expect((await fushun.get(`/plan-imports/${chuxiongDraft.id}`)).status).toBe(404);
    expect((await fushun.patch(`/plan-imports/${chuxiongDraft.id}`, { title: 'x' })).status).toBe(404);
    expect((await fushun.post(`/plan-imports/${chuxiongDraft.id}/publish`)).status).toBe(404);
    expect((await fushun.get('/plan-imports/not-a-uuid')).status).toBe(404);
    const listed = body<Array<{ id: string; fileName: string }>>(await fushun.get('/plan-imports'));
    expect(listed.map((d) => d.fileName)).toEqual([SEED_PLANS.fushun]);
    const own = body<Array<{ id: string }>>(await as(tokens.get('chuxiong')!).get('/plan-imports'));
    expect(own.map((d) => d.id)).toContain(chuxiongDraft.id);
  });
});
