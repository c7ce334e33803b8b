import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { addDays } from '@duban/calendar';
import { BoardQuery, ManualUrgeUseCase } from '@duban/deadlines';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-queues.js';
import { PASSWORD, assignedAction, type World } from '../support/world.js';
import { engine, morning, closeEngineDatabase, openEngineDatabase } from './engine-harness.js';

/**
 * The board on 2024-03-28 (Thursday) for: task X due 03-20 (lead A, support B; neither did
 * anything: +1 on 03-21 and +5 on 03-27 recorded, 6 working days late) and task Y due 2024-06-28
 * (lead B, reported 50% on 03-05: ahead of 序时进度 → blue).
 */
describe('coordinating office board', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let world: World;
  let api: INestApplication;
  let x: Awaited<ReturnType<typeof assignedAction>>;
  let y: string;

  beforeAll(async () => {
    ({ db, ds, world } = await openEngineDatabase('2024-03-01T01:00:00Z'));
    const { svc, actors, departments, clock } = world;
    x = await assignedAction(world, '2024-03-20');
    const plan = await svc.plans.create(actors.coordinator, { title: '第二方案' });
    const [item] = await svc.plans.addItems(actors.coordinator, plan.id, [{ path: '一', kind: 'task', heading: '建设智慧校园平台', deadline: '2024-06-28' }]);
    [{ id: y }] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: item.id, leadDepartmentId: departments.deptB });
    const { sweep, delivery } = engine(ds);
    for (let d = '2024-03-01'; d <= '2024-03-28'; d = addDays(d, 1)) {
      clock.set(morning(d));
      if (d === '2024-03-05') {
        await svc.transitions.perform(actors.leadB, y, 'accept');
        await svc.transitions.perform(actors.leadB, y, 'report_progress', { percent: 50, narrative: '平台招标完成' });
      }
      await sweep.runOnce(clock.now());
      await delivery.deliverDue(clock.now());
    }
    api = configureApp(
      await NestFactory.create(ApiModule.forRoot({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, jwtSecret: 'board-spec-secret-0123456789', clock }), { logger: ['error'] }),
    );
    await api.init();
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await closeEngineDatabase(ds, db);
  });

  it('counts colours by department, lists the overdue work and who has not reported this month', async () => {
    const view = await new BoardQuery(ds).board(world.actors.coordinator, world.clock.now());
    const byName = Object.fromEntries(view.colours.map((c) => [c.departmentName, { blue: c.blue, green: c.green, yellow: c.yellow, red: c.red }]));
    expect(byName).toEqual({
      州教育体育局: { blue: 0, green: 0, yellow: 0, red: 1 },
      州财政局: { blue: 1, green: 0, yellow: 0, red: 1 },
    });
    expect(view.overdue.map((o) => [o.taskId, o.workingDaysOverdue, o.lastStep])).toEqual(
      expect.arrayContaining([
        [x.leadTaskId, 6, '+5'],
        [x.supportTaskId, 6, '+5'],
      ]),
    );
    expect(view.overdue).toHaveLength(2);
    // B reported on 03-05, in March; A never did.
    expect(view.notReported.period.key).toBe('2024-03');
    expect(view.notReported.departments.map((d) => d.departmentName)).toEqual(['州教育体育局']);
  });

  it('records a manual 催办 as a step, once per request, visible in the history', async () => {
    const urges = new ManualUrgeUseCase(ds);
    const first = await urges.urge(world.actors.coordinator, x.leadTaskId, { note: '请于3月29日前书面说明', requestId: 'req-1' }, world.clock.now());
    const again = await urges.urge(world.actors.coordinator, x.leadTaskId, { note: '请于3月29日前书面说明', requestId: 'req-1' }, world.clock.now());
    expect(first).toMatchObject({ created: true, notifications: 2, step: 'urge-req-1' });
    expect(again).toMatchObject({ created: false, notifications: 0, stepId: first.stepId });
    await expect(urges.urge(world.actors.leadA, x.leadTaskId, {}, world.clock.now())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(urges.urge(world.actors.otherCoordinator, x.leadTaskId, {}, world.clock.now())).rejects.toMatchObject({ code: 'not_found' });
    const history = await new BoardQuery(ds).history(world.actors.coordinator, x.leadTaskId);
    expect(history.map((h) => [h.rule, h.step, h.state])).toEqual([
      ['reminder', 'T-7', 'recorded'],
      ['reminder', 'T-3', 'recorded'],
      ['reminder', 'T-1', 'recorded'],
      ['reminder', 'due', 'recorded'],
      ['ladder', '+1', 'recorded'],
      ['ladder', '+5', 'recorded'],
      ['manual', 'urge-req-1', 'recorded'],
    ]);
    expect(history.at(-1)).toMatchObject({ actorId: world.actors.coordinator.userId, note: '请于3月29日前书面说明' });
    expect(history[5]!.notifications.map((n) => n.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('serves the board over HTTP to the office only', async () => {
    const login = async (username: string) =>
      (await request(api.getHttpServer()).post('/api/auth/login').send({ username, password: PASSWORD })).body.accessToken as string;
    const coordinator = await login('coordinator');
    const res = await request(api.getHttpServer()).get('/api/board').set('authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(200);
    expect(res.body.overdue).toHaveLength(2);
    const urge = await request(api.getHttpServer())
      .post(`/api/board/tasks/${x.supportTaskId}/urge`)
      .set('authorization', `Bearer ${coordinator}`)
      .send({ note: '请配合牵头单位', requestId: 'http-1' });
    expect(urge.status).toBe(200);
    expect(urge.body).toMatchObject({ created: true, step: 'urge-http-1' });
    const bad = await request(api.getHttpServer()).post(`/api/board/tasks/${x.supportTaskId}/urge`).set('authorization', `Bearer ${coordinator}`).send({ requestId: 'no spaces' });
    expect(bad.status).toBe(400);
    const lead = await login('leadA');
    expect((await request(api.getHttpServer()).get('/api/board').set('authorization', `Bearer ${lead}`)).status).toBe(403);
    const other = await login('otherCoordinator');
    expect((await request(api.getHttpServer()).get(`/api/board/tasks/${x.leadTaskId}/history`).set('authorization', `Bearer ${other}`)).status).toBe(404);
  });

  it('lists a user their in-app messages and takes read receipts, own messages only', async () => {
    const login = async (username: string) =>
      (await request(api.getHttpServer()).post('/api/auth/login').send({ username, password: PASSWORD })).body.accessToken as string;
    const leadA = await login('leadA');
    const list = await request(api.getHttpServer()).get('/api/notifications').set('authorization', `Bearer ${leadA}`);
    expect(list.status).toBe(200);
    // Lead task X: T-7, T-3, T-1, due, +1, +5 delivered (the 催办 above is recorded, not yet delivered).
    expect(list.body.unread).toBe(6);
    expect(list.body.items.map((i: { step: string }) => i.step)).toEqual(['+5', '+1', 'due', 'T-1', 'T-3', 'T-7']);
    const first = list.body.items[0].id as string;
    const leadB = await login('leadB');
    expect((await request(api.getHttpServer()).post(`/api/notifications/${first}/read`).set('authorization', `Bearer ${leadB}`)).status).toBe(404);
    const read = await request(api.getHttpServer()).post(`/api/notifications/${first}/read`).set('authorization', `Bearer ${leadA}`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(world.clock.now().toISOString());
    const after = await request(api.getHttpServer()).get('/api/notifications?unread=true').set('authorization', `Bearer ${leadA}`);
    expect(after.body.unread).toBe(5);
    expect(after.body.items).toHaveLength(5);
  });
});
