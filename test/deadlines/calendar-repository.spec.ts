import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadHolidayYears } from '@duban/calendar';
import { CalendarRepository } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildWorld, type World } from '../support/world.js';
import { SEEDS_CALENDAR, engine, morning } from './engine-harness.js';

describe('calendar as versioned data in Postgres', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: CalendarRepository;
  let world: World;
  const at = new Date('2024-01-01T00:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    repo = new CalendarRepository(ds);
    world = await buildWorld(ds, '2024-03-01T01:00:00Z');
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('loads the seed years once; the same schedule again adds nothing, a changed one adds a version in force', async () => {
    const first = await repo.importDirectory(SEEDS_CALENDAR, at);
    expect(first.every((r) => r.created && r.version === 1)).toBe(true);
    expect((await repo.importDirectory(SEEDS_CALENDAR, at)).some((r) => r.created)).toBe(false);
    const y2024 = loadHolidayYears(SEEDS_CALENDAR).find((y) => y.year === 2024)!;
    const corrected = { ...y2024, version: '国办发明电〔2024〕更正', holidays: [...y2024.holidays, { date: '2024-03-15', name: '测试更正' }] };
    expect(await repo.importYear(corrected, at)).toEqual({ year: 2024, version: 2, created: true });
    const years = await repo.loadYears();
    expect(years.find((y) => y.year === 2024)!.version).toBe('国办发明电〔2024〕更正');
    const calendar = await repo.calendarFor(null);
    expect(calendar.isWorkingDay('2024-03-15')).toBe(false);
    const versions = await ds.query(`SELECT version FROM calendar_years WHERE year = 2024 ORDER BY version`);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]); // the first stays on record
    await repo.importYear(y2024, at); // back to the published one, as version 3
    expect((await repo.calendarFor(null)).isWorkingDay('2024-03-15')).toBe(true);
  });

  it("a jurisdiction's local closure moves its steps; a year without data is flagged, never silently Monday–Friday", async () => {
    await repo.addOverride(world.departments.city, '2024-03-11', 'closure', '州庆放假', at);
    const local = await repo.calendarFor(world.departments.city);
    expect(local.dayInfo('2024-03-11')).toMatchObject({ working: false, kind: 'local-closure' });
    expect((await repo.calendarFor(world.departments.otherCity)).isWorkingDay('2024-03-11')).toBe(true);
    expect(local.isProvisionalYear(2027)).toBe(true);
    expect(() => local.addWorkingDays('2027-03-01', 3)).toThrow(/2027/);

    const { svc, actors, departments, clock } = world;
    const plan = await svc.plans.create(actors.coordinator, { title: '本地日历方案' });
    const items = await svc.plans.addItems(actors.coordinator, plan.id, [
      { path: '一', kind: 'task', heading: '州庆前后事项', deadline: '2024-03-20' },
      { path: '二', kind: 'task', heading: '二〇二七年事项', deadline: '2027-03-19' },
    ]);
    const [local1] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[0]!.id, leadDepartmentId: departments.deptA });
    const [future] = await svc.assignment.assign(actors.coordinator, { planId: plan.id, planItemId: items[1]!.id, leadDepartmentId: departments.deptA });
    const { sweep } = engine(ds);
    clock.set(morning('2024-03-01'));
    await sweep.runOnce(clock.now());
    const next = async (id: string) => new Date((await ds.query(`SELECT next_action_at FROM tasks WHERE id = $1`, [id]))[0].next_action_at).toISOString();
    // With 03-11 closed locally, T-7 of 03-20 is 03-08 (Friday) instead of 03-11.
    expect(await next(local1!.id)).toBe('2024-03-08T01:00:00.000Z');
    // 2027 has no published schedule: the estimate is used and the recorded step is flagged.
    clock.set(morning('2027-03-10'));
    await sweep.runOnce(clock.now());
    const steps = await ds.query(`SELECT step, provisional FROM escalation_steps WHERE task_id = $1 AND state = 'recorded'`, [future!.id]);
    expect(steps).toEqual([{ step: 'T-7', provisional: true }]);
    const body = await ds.query(`SELECT body FROM notifications WHERE task_id = $1 LIMIT 1`, [future!.id]);
    expect(body[0].body).toContain('2027年法定节假日安排尚未公布');
  });

  it("inherits a city's overrides in its counties; the county's own override wins for the same date", async () => {
    const { svc, departments } = world;
    const county = await svc.departments.create(null, { code: 'city.lufeng', name: '禄丰市人民政府', kind: 'county', parentId: departments.city });
    const township = await svc.departments.create(null, { code: 'city.lufeng.edu', name: '禄丰市教育体育局', kind: 'county_bureau', parentId: county.id });
    await repo.addOverride(departments.city, '2024-04-15', 'closure', '州庆放假', at);
    await repo.addOverride(departments.city, '2024-04-16', 'closure', '州庆调整', at);
    await repo.addOverride(county.id, '2024-04-16', 'workday', '县里照常上班', at);
    await repo.addOverride(county.id, '2024-04-17', 'closure', '县庆放假', at);

    const city = await repo.calendarFor(departments.city);
    const own = await repo.calendarFor(county.id);
    const below = await repo.calendarFor(township.id);
    const other = await repo.calendarFor(departments.otherCity);
    // The city's closure reaches the county and everything under it, not another city.
    expect(own.dayInfo('2024-04-15')).toMatchObject({ working: false, kind: 'local-closure', name: '州庆放假' });
    expect(below.dayInfo('2024-04-15')).toMatchObject({ working: false, kind: 'local-closure' });
    expect(other.isWorkingDay('2024-04-15')).toBe(true);
    // Same date at both levels: the county's own override wins there (and below it); the city keeps its own.
    expect(own.dayInfo('2024-04-16')).toMatchObject({ working: true, kind: 'local-workday', name: '县里照常上班' });
    expect(below.dayInfo('2024-04-16')).toMatchObject({ working: true, kind: 'local-workday' });
    expect(city.dayInfo('2024-04-16')).toMatchObject({ working: false, kind: 'local-closure' });
    // A county's closure never flows up to its city.
    expect(own.isWorkingDay('2024-04-17')).toBe(false);
    expect(city.isWorkingDay('2024-04-17')).toBe(true);
    // Working-day arithmetic follows: from Friday 04-12 the county works 04-16 and 04-18, the city first on 04-17.
    expect([own.addWorkingDays('2024-04-12', 1), own.addWorkingDays('2024-04-12', 2)]).toEqual(['2024-04-16', '2024-04-18']);
    expect(city.addWorkingDays('2024-04-12', 1)).toBe('2024-04-17');
  });
});
