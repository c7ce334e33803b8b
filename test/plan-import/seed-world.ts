import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { UserService } from '@duban/organization';
import { DepartmentEntity } from '@duban/persistence';
import { seedRegistryDepartments } from '@duban/plan-import';
import { loadRegistryFile, type Registry } from '@duban/registry';
import { SEED_DOCUMENTS_DIR } from '../support/seed-documents.js';

export const SEED_DIR = SEED_DOCUMENTS_DIR;
export const REGISTRY_DIR = join(process.cwd(), 'seeds/registry');

/** The five seed documents and the jurisdiction whose registry they resolve against. */
export const SEED_PLANS = {
  chuxiong: 'chuxiong-2023-2025-education-action-plan.txt',
  bazhong: 'bazhong-2024-six-actions.txt',
  dazhou: 'dazhou-2022-work-briefing.txt',
  fushun: 'fushun-2021-2025-education-plan.txt',
  jiangmen: 'jiangmen-2023-2027-county-education-action-plan.txt',
} as const;
export type SeedCode = keyof typeof SEED_PLANS;

export interface SeededJurisdiction {
  registry: Registry;
  root: DepartmentEntity;
  coordinator: Actor;
}

/** Seeds the jurisdiction's registry departments and a coordinator whose jurisdiction is its root. */
export async function seedJurisdiction(ds: DataSource, code: SeedCode, username = `${code}.coordinator`): Promise<SeededJurisdiction> {
  const registry = loadRegistryFile(join(REGISTRY_DIR, `${code}.json`));
  await seedRegistryDepartments(ds, registry);
  const root = await ds.getRepository(DepartmentEntity).findOneByOrFail({ code: registry.jurisdiction });
  const users = new UserService(ds);
  const existing = await ds.query(`SELECT id FROM users WHERE username = $1`, [username]);
  const id = existing[0]?.id ?? (await users.create(null, { username, displayName: '督查室', password: 'duban-test-pass', role: 'coordinator', departmentId: root.id, jurisdictionId: root.id })).id;
  return { registry, root, coordinator: (await users.loadActor(id))! };
}

export async function departmentId(ds: DataSource, code: string): Promise<string> {
  return (await ds.getRepository(DepartmentEntity).findOneByOrFail({ code })).id;
}
