import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SEED_JURISDICTIONS, createResolver, loadRegistries, parentsFirst, type DepartmentResolver, type Registry,
} from '@duban/registry';
import { SEED_DOCUMENTS_DIR } from '../support/seed-documents.js';

const REGISTRY_DIR = fileURLToPath(new URL('../../seeds/registry', import.meta.url));
/** The seed plan documents (shared across the project, outside the repository). */
const SEED_DOCS_DIR = process.env.DUBAN_SEED_DOCS ?? SEED_DOCUMENTS_DIR;
const SEED_DOCS: Record<string, string> = {
  bazhong: 'bazhong-2024-six-actions.txt',
  chuxiong: 'chuxiong-2023-2025-education-action-plan.txt',
  dazhou: 'dazhou-2022-work-briefing.txt',
  fushun: 'fushun-2021-2025-education-plan.txt',
  jiangmen: 'jiangmen-2023-2027-county-education-action-plan.txt',
};

const registries = loadRegistries(REGISTRY_DIR);
const byJurisdiction = new Map<string, Registry>(registries.map((r) => [r.jurisdiction, r]));
const resolvers = new Map<string, DepartmentResolver>(registries.map((r) => [r.jurisdiction, createResolver(r)]));
const resolverFor = (j: string): DepartmentResolver => resolvers.get(j)!;

/** What a name from a seed document must resolve to. */
type Expected =
  | string // one department code
  | { readonly collective: 'county'; readonly count: number; readonly reason?: string }
  | { readonly collective: 'choice' }
  | { readonly outside: true };

const county = (count: number, reason = 'county_collective'): Expected => ({ collective: 'county', count, reason });
const choice: Expected = { collective: 'choice' };
const outside: Expected = { outside: true };

/** Department names exactly as the seed documents write them (Jiangmen in traditional script). */
const TABLE: Record<string, readonly (readonly [string, Expected])[]> = {
  chuxiong: [
    ['中共楚雄州委办公室', 'chuxiong.party.office'],
    ['楚雄州人民政府办公室', 'chuxiong.office'],
    ['州委教育工委', 'chuxiong.party.edu-work'],
    ['州教育体育局', 'chuxiong.edu'],
    ['州政府教育督导委办公室', 'chuxiong.edu-inspection'],
    ['州委教育工作领导小组', 'chuxiong.party.edu-leading-group'],
    ['楚雄高新区', 'chuxiong.high-tech-zone'],
    ['牟定县', 'chuxiong.county.mouding'],
    ['姚安县', 'chuxiong.county.yaoan'],
    ['禄丰市', 'chuxiong.county.lufeng'],
    ['永仁县', 'chuxiong.county.yongren'],
    ['武定县', 'chuxiong.county.wuding'],
    ['州民族中学', 'chuxiong.school.ethnic-middle'],
    ['禄丰一中', 'chuxiong.school.lufeng-no1'],
    ['南华一中', 'chuxiong.school.nanhua-no1'],
    ['楚雄东兴中学', 'chuxiong.school.dongxing-middle'],
    ['双柏一中', 'chuxiong.school.shuangbai-no1'],
    ['大姚一中', 'chuxiong.school.dayao-no1'],
    ['武定一中', 'chuxiong.school.wuding-no1'],
    ['楚雄师院', 'chuxiong.school.chuxiong-normal'],
    ['楚雄医专', 'chuxiong.school.chuxiong-medical'],
    ['云南现代职业技术学院', 'chuxiong.school.yunnan-modern-vocational'],
    ['云南武定乡村振兴学院', 'chuxiong.school.wuding-rural-revitalization'],
    ['武定县特殊教育学校', 'chuxiong.school.wuding-special'],
    ['各县市党委和人民政府', county(10)],
    ['县市', county(10)],
    ['州委各部委办局', choice],
    ['州级国家机关各委办局', choice],
    ['在楚各高校', choice],
    ['州级有关部门', choice],
  ],
  jiangmen: [
    ['江門市人民政府辦公室', 'jiangmen.office'],
    ['市教育局', 'jiangmen.edu'],
    ['市教育重大項目建設指揮部', 'jiangmen.edu.major-projects'],
    ['臺山市', 'jiangmen.county.taishan'],
    ['開平市', 'jiangmen.county.kaiping'],
    ['恩平市', 'jiangmen.county.enping'],
    ['鶴山市', 'jiangmen.county.heshan'],
    ['蓬江區', 'jiangmen.county.pengjiang'],
    ['新會區', 'jiangmen.county.xinhui'],
    ['各縣(市、區)人民政府', county(7)],
    ['各縣(市、區)', county(7)],
    ['縣(市、區)教研室', county(7, 'county_collective_unit_unknown')],
    ['市政府各部門', choice],
    ['有關單位', choice],
  ],
  fushun: [
    ['抚顺市人民政府办公室', 'fushun.office'],
    ['市教育局', 'fushun.edu'],
    ['市招考办', 'fushun.edu.admissions'],
    ['市财政', 'fushun.finance'],
    ['经济开发区', 'fushun.economic-zone'],
    ['高新技术产业开发区管委会', 'fushun.high-tech-zone'],
    ['抚顺县', 'fushun.county.fushun-county'],
    ['顺城区', 'fushun.county.shuncheng'],
    ['望花区', 'fushun.county.wanghua'],
    ['市农业特产学校', 'fushun.school.agri-specialty'],
    ['抚顺职业技术学院', 'fushun.school.vocational-tech'],
    ['抚顺师专', 'fushun.school.vocational-tech'],
    ['各县、区人民政府', county(7)],
    ['县(区)政府', county(7)],
    ['市政府各部门', choice],
    ['各直属单位', choice],
    ['各有关部门', choice],
  ],
  bazhong: [
    ['市委办', 'bazhong.party.office'],
    ['市政府办', 'bazhong.office'],
    ['平昌县', 'bazhong.county.pingchang'],
    ['巴中中学', 'bazhong.school.bazhong-middle'],
    ['巴中棠湖外国语学校', 'bazhong.school.tanghu-foreign-lang'],
    ['巴师附小', 'bazhong.school.normal-affiliated-primary'],
    ['小河职中', 'bazhong.school.xiaohe-vocational'],
    ['南江中学', 'bazhong.school.nanjiang-middle'],
    ['巴中职业技术学院', 'bazhong.school.vocational-tech'],
    ['巴中开放大学', 'bazhong.school.open-university'],
    ['县(区)政府', county(5)],
    ['相关单位', choice],
    ['群团组织', choice],
    ['教育厅', outside],
    ['省体育局', outside],
  ],
  dazhou: [
    ['政策法规与民办教育科', 'dazhou.edu.sec.policy-private'],
    ['市学生资助与学校后勤管理中心', 'dazhou.edu.student-aid-logistics'],
    ['职业教育与成人教育科', 'dazhou.edu.sec.vocational-adult'],
    ['大竹县教科局', 'dazhou.county.dazhu.edu'],
    ['通川区教科局', 'dazhou.county.tongchuan.edu'],
    ['达川区教科局', 'dazhou.county.dachuan.edu'],
    ['万源市教科局', 'dazhou.county.wanyuan.edu'],
    ['市教育局', 'dazhou.edu'],
    ['市市场监督管理局', 'dazhou.market'],
    ['大竹县', 'dazhou.county.dazhu'],
    ['各县(市、区)', county(7)],
    ['县(市、区)', county(7)],
    ['省教育厅', outside],
  ],
};

describe('seed registries', () => {
  it('load, validate, and use codes unique across all five jurisdictions', () => {
    expect(registries.map((r) => r.jurisdiction)).toEqual([...SEED_JURISDICTIONS]);
    const codes = registries.flatMap((r) => r.departments.map((d) => d.code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([...SEED_JURISDICTIONS])('%s lists every parent before its children (seeding inserts in file order)', (j) => {
    const registry = byJurisdiction.get(j)!;
    expect(parentsFirst(registry).map((d) => d.code).sort()).toEqual(registry.departments.map((d) => d.code).sort());
    const seen = new Set<string>();
    for (const dep of registry.departments) {
      if (dep.parentCode !== null) expect(seen.has(dep.parentCode)).toBe(true);
      seen.add(dep.code);
    }
  });

  const COUNTIES: Record<string, string[]> = {
    bazhong: ['巴州区', '恩阳区', '通江县', '南江县', '平昌县'],
    fushun: ['新抚区', '东洲区', '望花区', '顺城区', '抚顺县', '新宾满族自治县', '清原满族自治县'],
    dazhou: ['通川区', '达川区', '万源市', '宣汉县', '开江县', '大竹县', '渠县'],
    jiangmen: ['蓬江区', '江海区', '新会区', '台山市', '开平市', '鹤山市', '恩平市'],
    chuxiong: ['楚雄市', '禄丰市', '双柏县', '牟定县', '南华县', '姚安县', '大姚县', '永仁县', '元谋县', '武定县'],
  };

  it.each(Object.entries(COUNTIES))('%s lists all its county-level units, each with an education bureau', (j, names) => {
    const deps = byJurisdiction.get(j)!.departments;
    const counties = deps.filter((d) => d.kind === 'county');
    expect(counties.map((c) => c.name)).toEqual(names.map((n) => `${n}人民政府`));
    for (const c of counties) {
      const bureaus = deps.filter((d) => d.parentCode === c.code && d.kind === 'county_bureau');
      expect(bureaus.map((b) => b.name)).toEqual([expect.stringMatching(new RegExp(`^${c.name.replace('人民政府', '')}教育`))]);
    }
  });

  const USUAL = [
    '', '.party', '.party.office', '.party.organization', '.party.publicity', '.party.staffing', '.office',
    '.office.inspection', '.edu-inspection', '.ndrc', '.edu', '.science', '.industry', '.public-security',
    '.civil-affairs', '.justice', '.finance', '.hrss', '.natural-resources', '.housing', '.transport',
    '.agriculture', '.commerce', '.culture-tourism', '.health', '.emergency', '.market', '.medical-insurance',
    '.youth-league', '.women', '.disabled',
  ];
  it.each([...SEED_JURISDICTIONS])('%s has the usual party and government units', (j) => {
    const codes = new Set(byJurisdiction.get(j)!.departments.map((d) => d.code));
    expect(USUAL.map((suffix) => `${j}${suffix}`).filter((code) => !codes.has(code))).toEqual([]);
  });
});

describe.each(Object.entries(TABLE))('names in the %s seed document', (j, rows) => {
  const docPath = join(SEED_DOCS_DIR, SEED_DOCS[j]!);
  // Keeps the table honest: every row is a string the document really contains.
  it('are all written in the document as listed', () => {
    const text = readFileSync(docPath, 'utf8');
    expect(rows.map(([name]) => name).filter((name) => !text.includes(name))).toEqual([]);
  });

  it.each(rows.map(([name, expected]) => [name, expected] as const))('%s resolves', (name, expected) => {
    const r = resolverFor(j).resolve(name);
    if (typeof expected === 'string') {
      expect(['exact', 'alias', 'fuzzy']).toContain(r.status);
      expect(r.matches[0]).toMatchObject({ code: expected });
      if (r.status === 'fuzzy') expect(r.reason).toBe('normalized_equal');
    } else if ('outside' in expected) {
      expect(r).toMatchObject({ status: 'unresolved', reason: 'outside_jurisdiction', matches: [] });
    } else if (expected.collective === 'choice') {
      expect(r).toMatchObject({ status: 'collective', reason: 'needs_coordinator_choice', matches: [] });
    } else {
      expect(r).toMatchObject({ status: 'collective', reason: expected.reason });
      expect(r.matches).toHaveLength(expected.count);
      expect(r.matches.every((m) => m.code.startsWith(`${j}.county.`))).toBe(true);
    }
  });
});

describe('collectives on the real registries', () => {
  it.each([
    ['chuxiong', 10], ['jiangmen', 7], ['fushun', 7], ['bazhong', 5], ['dazhou', 7],
  ] as const)('各县（市、区） in %s expands to %i county-level units', (j, count) => {
    const r = resolverFor(j).resolve('各县（市、区）');
    expect(r.status).toBe('collective');
    expect(new Set(r.matches.map((m) => m.code)).size).toBe(count);
  });

  it('各县市教育体育局 in Chuxiong expands to the ten county education bureaus', () => {
    const r = resolverFor('chuxiong').resolve('各县市教育体育局');
    expect(r.reason).toBe('county_collective_units');
    expect(r.matches.map((m) => m.code)).toEqual(
      byJurisdiction.get('chuxiong')!.departments.filter((d) => d.kind === 'county_bureau').map((d) => d.code),
    );
  });
});

describe('lists from the seed documents', () => {
  it('splits the Fushun list of departments, including 和 and 等部门', () => {
    const r = resolverFor('fushun').resolveMany('发改、财政、编办、人社、自然资源和住建等部门');
    expect(r.map((x) => x.matches[0]?.code)).toEqual([
      'fushun.ndrc', 'fushun.finance', 'fushun.party.staffing', 'fushun.hrss', 'fushun.natural-resources', 'fushun.housing',
    ]);
  });

  it('splits the Fushun addressees without breaking 各县、区人民政府', () => {
    const r = resolverFor('fushun').resolveMany('各县、区人民政府，经济开发区、高新技术产业开发区管委会，市政府各部门、各直属单位');
    expect(r.map((x) => [x.reason, x.matches.length])).toEqual([
      ['county_collective', 7], ['alias', 1], ['alias', 1], ['needs_coordinator_choice', 0], ['needs_coordinator_choice', 0],
    ]);
  });

  it('resolves the Chuxiong supervising units and the joint issuers', () => {
    const chuxiong = resolverFor('chuxiong');
    expect(chuxiong.resolveMany('州委教育工委、州教育体育局、州政府教育督导委办公室').map((x) => x.matches[0]?.code)).toEqual([
      'chuxiong.party.edu-work', 'chuxiong.edu', 'chuxiong.edu-inspection',
    ]);
    expect(chuxiong.resolveMany('中共楚雄州委办公室 楚雄州人民政府办公室').map((x) => x.matches[0]?.code)).toEqual([
      'chuxiong.party.office', 'chuxiong.office',
    ]);
  });

  it('splits 抚顺县、顺城区和望花区 into three counties', () => {
    expect(resolverFor('fushun').resolveMany('抚顺县、顺城区和望花区').map((x) => x.matches[0]?.code)).toEqual([
      'fushun.county.fushun-county', 'fushun.county.shuncheng', 'fushun.county.wanghua',
    ]);
  });
});

describe('near misses on the real registries', () => {
  it.each([
    ['chuxiong', '州教育休育局', 'chuxiong.edu', 'similar'], // typo 体 → 休
    ['chuxiong', '楚雄教育体育局', 'chuxiong.edu', 'similar'], // missing 州
    ['chuxiong', '楚雄州教育體育局', 'chuxiong.edu', 'normalized_equal'], // traditional 體
    ['jiangmen', '江门教育局', 'jiangmen.edu', 'similar'], // missing 市
    ['dazhou', '大竹县教科所', 'dazhou.county.dazhu.edu', 'similar'], // wrong last character
    ['fushun', '新宾县教育部', 'fushun.county.xinbin.edu', 'similar'],
  ] as const)('%s: %s → %s (fuzzy, %s)', (j, name, code, reason) => {
    const r = resolverFor(j).resolve(name);
    expect(r).toMatchObject({ status: 'fuzzy', reason });
    expect(r.matches[0]!.code).toBe(code);
    expect(r.matches[0]!.score).toBeGreaterThanOrEqual(0.72);
    expect(r.note).toContain(r.matches[0]!.name);
  });

  it('a county name never falls back to the city bureau of the same kind', () => {
    const r = resolverFor('chuxiong').resolve('禄丰教育体育局');
    expect(r.status).toBe('fuzzy');
    expect(r.matches.map((m) => m.code)).toEqual(['chuxiong.county.lufeng.edu']);
  });

  it.each([
    ['chuxiong', '大理州教育体育局'],
    ['jiangmen', '佛山市教育局'],
    ['dazhou', '巴中市教育局'],
  ] as const)('%s: %s (another prefecture or city) is outside the jurisdiction', (j, name) => {
    expect(resolverFor(j).resolve(name)).toMatchObject({ status: 'unresolved', reason: 'outside_jurisdiction', matches: [] });
  });

  it.each([...SEED_JURISDICTIONS])('a nonsense name is unresolved in %s', (j) => {
    expect(resolverFor(j).resolve('月球开发局')).toMatchObject({ status: 'unresolved', reason: 'no_match', matches: [] });
  });
});
