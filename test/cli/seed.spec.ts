import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { UserService } from '@duban/organization';
import { createDataSource } from '@duban/persistence';
import { loadRegistryFile } from '@duban/registry';
import { registryFile, samplePlanFile } from '../../apps/cli/src/commands/repo-paths.js';
import { departmentsUsed, loadSamplePlan } from '../../apps/cli/src/commands/sample-plan.js';
import { DEMO_PASSWORD, seedFromFiles, type SeedResult } from '../../apps/cli/src/commands/seed.command.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const registry = loadRegistryFile(registryFile('chuxiong'));
const plan = loadSamplePlan(samplePlanFile('chuxiong'), registry);

let db: TestDatabase;
let ds: DataSource;
let first: SeedResult;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  first = await seedFromFiles(ds, 'chuxiong');
}, 120_000);

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
}, 30_000);

const count = async (table: string) => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

describe('seed', () => {
  it('creates every department of the registry as a tree, parents first', async () => {
    expect(first.departmentsCreated).toBe(registry.departments.length);
    expect(await count('departments')).toBe(registry.departments.length);
    const rows: Array<{ code: string; parent: string | null; path: string; ppath: string | null }> = await ds.query(
      `SELECT d.code, p.code AS parent, d.path, p.path AS ppath FROM departments d LEFT JOIN departments p ON p.id = d.parent_id`,
    );
    for (const dep of registry.departments) {
      const row = rows.find((r) => r.code === dep.code)!;
      expect(row.parent).toBe(dep.parentCode);
      if (row.ppath) expect(row.path.startsWith(row.ppath)).toBe(true);
    }
  });

  it('creates a coordinator, an assessor, an admin and a lead for each department the sample plan uses', async () => {
    const used = departmentsUsed(plan);
    expect(first.usersCreated).toBe(3 + used.length);
    expect(first.logins.map((l) => l.role).filter((r) => r !== 'department_lead')).toEqual(['coordinator', 'assessor', 'admin']);
    expect(first.logins.filter((l) => l.role === 'department_lead').map((l) => l.departmentCode).sort()).toEqual([...used].sort());
  });

  it('the printed logins work: the coordinator oversees the jurisdiction, a lead acts for their department', async () => {
    const users = new UserService(ds);
    const coordinator = await users.authenticate('chuxiong.coordinator', DEMO_PASSWORD);
    expect(coordinator).not.toBeNull();
    const actor = (await users.loadActor(coordinator!.id))!;
    expect(actor.jurisdictionId).toBe(first.departmentIds.get('chuxiong'));
    const lead = await users.authenticate('chuxiong.edu.lead', DEMO_PASSWORD);
    expect(lead?.departmentId).toBe(first.departmentIds.get('chuxiong.edu'));
    expect(await users.authenticate('chuxiong.edu.lead', 'wrong-password')).toBeNull();
  }, 30_000);

  it('is idempotent: a second run creates nothing and returns the same ids', async () => {
    const before = { departments: await count('departments'), users: await count('users') };
    const second = await seedFromFiles(ds, 'chuxiong');
    expect(second.departmentsCreated).toBe(0);
    expect(second.usersCreated).toBe(0);
    expect(second.logins.every((l) => !l.created)).toBe(true);
    expect({ departments: await count('departments'), users: await count('users') }).toEqual(before);
    expect([...second.departmentIds]).toEqual([...first.departmentIds]);
  }, 60_000);

  it('names the missing file for an unknown jurisdiction', async () => {
    await expect(seedFromFiles(ds, 'atlantis')).rejects.toThrow(/no registry for "atlantis".*atlantis\.json/);
  });
});
