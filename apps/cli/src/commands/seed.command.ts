import { existsSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import { readEnv } from '@duban/config';
import { ROLE_LABELS, type UserRole } from '@duban/domain';
import { DepartmentService, UserService } from '@duban/organization';
import { DepartmentEntity, UserEntity, createDataSource } from '@duban/persistence';
import { loadRegistryFile, parentsFirst, type Registry } from '@duban/registry';
import { CliError, withCliErrors } from './cli-errors.js';
import { registryFile, samplePlanFile } from './repo-paths.js';
import { departmentsUsed, loadSamplePlan } from './sample-plan.js';

interface Command {
  run(args: string[]): Promise<number>;
}

const USAGE = 'usage: npm run duban -- seed [<jurisdiction>]   (default chuxiong; seeds/registry/<jurisdiction>.json)';

/** The one password of every demo account, printed with the logins. Demo data only. */
export const DEMO_PASSWORD = 'duban-demo-2025';

export interface DemoLogin {
  username: string;
  role: UserRole;
  roleLabel: string;
  departmentCode: string;
  departmentName: string;
  /** False when the account already existed (its password may have been changed since). */
  created: boolean;
}

export interface SeedResult {
  jurisdiction: string;
  departmentsCreated: number;
  departmentsTotal: number;
  usersCreated: number;
  logins: DemoLogin[];
  /** Registry code → department id, for every department of the jurisdiction. */
  departmentIds: Map<string, string>;
}

interface UserSpec {
  username: string;
  displayName: string;
  role: UserRole;
  departmentCode: string;
  jurisdictionCode: string | null;
}

/** Short official name: 楚雄州财政局 → 州财政局, 中共楚雄州委组织部 → 州委组织部. */
export function shortDepartmentName(name: string, aliases: readonly string[] = []): string {
  // The shortest 州… alias that still ends like a unit name (州财政局, not 州财政).
  const short = aliases.filter((a) => a.startsWith('州') && /[局委部办室会院区]$/.test(a)).sort((a, b) => a.length - b.length)[0];
  if (short && short.length >= 3) return short;
  return name.replace(/^中共(.{2,3}?)州委/, '州委').replace(/^(.{2,3}?)州(?!委)/, '州');
}

/**
 * Who the demo needs: the coordinating office (督查室), an assessor (考核委员会), an admin, and a lead
 * for every department the sample plan gives work to (every bureau when there is no sample plan).
 */
function userSpecs(registry: Registry, departmentCodes: readonly string[]): UserSpec[] {
  const j = registry.jurisdiction;
  const byCode = new Map(registry.departments.map((d) => [d.code, d]));
  const pick = (...codes: string[]) => codes.find((c) => byCode.has(c)) ?? j;
  const office = pick(`${j}.office.inspection`, `${j}.office`);
  const govOffice = pick(`${j}.office`);
  const specs: UserSpec[] = [
    { username: `${j}.coordinator`, displayName: '督查室（演示）', role: 'coordinator', departmentCode: office, jurisdictionCode: j },
    { username: `${j}.assessor`, displayName: '考核委员会（演示）', role: 'assessor', departmentCode: govOffice, jurisdictionCode: j },
    { username: `${j}.admin`, displayName: '系统管理员（演示）', role: 'admin', departmentCode: govOffice, jurisdictionCode: null },
  ];
  for (const code of departmentCodes) {
    const d = byCode.get(code);
    if (!d) throw new Error(`department code "${code}" is not in the ${j} registry`);
    specs.push({
      username: `${code}.lead`,
      displayName: `${shortDepartmentName(d.name, d.aliases)}负责人`,
      role: 'department_lead',
      departmentCode: code,
      jurisdictionCode: null,
    });
  }
  return specs;
}

/**
 * Idempotent: departments are matched by registry code and users by username; what exists is left
 * as it is, so a second run creates nothing. Runs in one transaction: a failure leaves nothing half-seeded.
 */
export async function seedJurisdiction(
  ds: DataSource,
  opts: { registry: Registry; departmentCodesForLeads: readonly string[]; password?: string },
): Promise<SeedResult> {
  const { registry } = opts;
  const departments = new DepartmentService(ds);
  const users = new UserService(ds);
  return ds.transaction(async (m: EntityManager) => {
    const ids = new Map<string, string>();
    const names = new Map<string, string>();
    let departmentsCreated = 0;
    const repo = m.getRepository(DepartmentEntity);
    for (const dep of parentsFirst(registry)) {
      const existing = await repo.findOneBy({ code: dep.code });
      if (existing) {
        ids.set(dep.code, existing.id);
        names.set(dep.code, existing.name);
        continue;
      }
      const parentId = dep.parentCode === null ? null : ids.get(dep.parentCode);
      if (parentId === undefined) throw new Error(`department ${dep.code}: parent ${dep.parentCode} was not seeded`);
      const created = await departments.create(null, { code: dep.code, name: dep.name, kind: dep.kind, parentId, aliases: [...dep.aliases] }, m);
      ids.set(dep.code, created.id);
      names.set(dep.code, created.name);
      departmentsCreated++;
    }

    const logins: DemoLogin[] = [];
    let usersCreated = 0;
    const userRepo = m.getRepository(UserEntity);
    for (const spec of userSpecs(registry, opts.departmentCodesForLeads)) {
      const exists = await userRepo.existsBy({ username: spec.username });
      if (!exists) {
        await users.create(
          null,
          {
            username: spec.username,
            displayName: spec.displayName,
            password: opts.password ?? DEMO_PASSWORD,
            role: spec.role,
            departmentId: ids.get(spec.departmentCode)!,
            jurisdictionId: spec.jurisdictionCode ? ids.get(spec.jurisdictionCode)! : null,
          },
          m,
        );
        usersCreated++;
      }
      logins.push({
        username: spec.username,
        role: spec.role,
        roleLabel: ROLE_LABELS[spec.role],
        departmentCode: spec.departmentCode,
        departmentName: names.get(spec.departmentCode)!,
        created: !exists,
      });
    }
    return {
      jurisdiction: registry.jurisdiction,
      departmentsCreated,
      departmentsTotal: ids.size,
      usersCreated,
      logins,
      departmentIds: ids,
    };
  });
}

/** Seeds a jurisdiction from its files: the registry, and its sample plan when there is one (for the leads). */
export async function seedFromFiles(ds: DataSource, jurisdiction: string): Promise<SeedResult> {
  if (!/^[a-z0-9-]+$/.test(jurisdiction)) throw new CliError(`jurisdiction must be a registry name such as chuxiong, got "${jurisdiction}"`);
  const file = registryFile(jurisdiction);
  if (!existsSync(file)) throw new CliError(`no registry for "${jurisdiction}": ${file} does not exist`);
  const registry = loadRegistryFile(file);
  const planFile = samplePlanFile(jurisdiction);
  const leads = existsSync(planFile)
    ? departmentsUsed(loadSamplePlan(planFile, registry))
    : registry.departments.filter((d) => d.kind === 'bureau').map((d) => d.code);
  return seedJurisdiction(ds, { registry, departmentCodesForLeads: leads });
}

export function seedSummary(out: SeedResult): string {
  return (
    `单位：新增 ${out.departmentsCreated} 个，共 ${out.departmentsTotal} 个（${out.jurisdiction}）；` +
      `用户：新增 ${out.usersCreated} 个，演示账号 ${out.logins.length} 个`
  );
}

export const command: Command = {
  async run(args: string[]): Promise<number> {
    if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    return withCliErrors('seed', async () => {
      const ds = createDataSource(readEnv().databaseUrl);
      await ds.initialize();
      try {
        const out = await seedFromFiles(ds, args[0] ?? 'chuxiong');
        process.stdout.write(`${seedSummary(out)}\n`);
        const { renderLogins } = await import('./demo-report.js');
        process.stdout.write(`${renderLogins(out.logins)}\n`);
        return 0;
      } finally {
        if (ds.isInitialized) await ds.destroy();
      }
    });
  },
};
