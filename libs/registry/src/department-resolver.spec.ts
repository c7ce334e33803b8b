import { describe, expect, it } from '@jest/globals';
import { createResolver } from './department-resolver.js';
import { parseRegistry } from './registry.validator.js';

/** A small jurisdiction shaped like the seed ones: two counties, bureaus with short forms. */
const registry = parseRegistry({
  jurisdiction: 'demo',
  departments: [
    { code: 'demo', name: '江城市人民政府', kind: 'government', parentCode: null, aliases: ['市政府', '江城市'] },
    { code: 'demo.office', name: '江城市人民政府办公室', kind: 'office', parentCode: 'demo', aliases: ['市政府办', '政府办公室'] },
    { code: 'demo.edu', name: '江城市教育局', kind: 'bureau', parentCode: 'demo', aliases: ['市教育局', '教育局'] },
    { code: 'demo.edu.basic', name: '江城市教育局基础教育科', kind: 'section', parentCode: 'demo.edu', aliases: ['基础教育科'] },
    { code: 'demo.edu.vocational', name: '江城市教育局职业教育科', kind: 'section', parentCode: 'demo.edu', aliases: ['职业教育科'] },
    { code: 'demo.finance', name: '江城市财政局', kind: 'bureau', parentCode: 'demo', aliases: ['市财政局', '财政局', '财政'] },
    { code: 'demo.civil', name: '江城市民政局', kind: 'bureau', parentCode: 'demo', aliases: ['市民政局', '民政局'] },
    { code: 'demo.hrss', name: '江城市人力资源和社会保障局', kind: 'bureau', parentCode: 'demo', aliases: ['市人社局', '人社局'] },
    { code: 'demo.health', name: '江城市卫生健康委员会', kind: 'bureau', parentCode: 'demo', aliases: ['卫健委'] },
    { code: 'demo.health-insp', name: '江城市卫生健康综合监督执法局', kind: 'bureau', parentCode: 'demo', aliases: [] },
    { code: 'demo.county.a', name: '甲山县人民政府', kind: 'county', parentCode: 'demo', aliases: ['甲山县', '甲山'] },
    { code: 'demo.county.a.edu', name: '甲山县教育局', kind: 'county_bureau', parentCode: 'demo.county.a', aliases: [] },
    { code: 'demo.county.b', name: '乙水区人民政府', kind: 'county', parentCode: 'demo', aliases: ['乙水区', '乙水'] },
    { code: 'demo.county.b.edu', name: '乙水区教育局', kind: 'county_bureau', parentCode: 'demo.county.b', aliases: [] },
    { code: 'demo.school.no1', name: '甲山县第一中学', kind: 'school', parentCode: 'demo.county.a.edu', aliases: ['甲山一中'] },
  ],
});
const resolver = createResolver(registry);
const codes = (text: string) => resolver.resolveMany(text).map((r) => [r.status, r.matches.map((m) => m.code)]);

describe('resolve: exact and alias', () => {
  it('an official name is exact with score 1', () => {
    expect(resolver.resolve('江城市财政局')).toEqual({
      status: 'exact', reason: 'exact_name', input: '江城市财政局', matches: [{ code: 'demo.finance', name: '江城市财政局', score: 1 }],
    });
  });

  it('an alias resolves as alias, ignoring width, spaces and wrapping brackets', () => {
    const r = resolver.resolve('（市 财政局）');
    expect(r).toMatchObject({ status: 'alias', reason: 'alias', input: '（市 财政局）', matches: [{ code: 'demo.finance', score: 1 }] });
    expect(r.note).toBe('“（市 财政局）”即“江城市财政局”');
  });
});

describe('resolve: fuzzy', () => {
  it('a typo resolves fuzzy with its score and a note for the reviewer', () => {
    // Core keys 市财正局 vs 市财政局: one edit in four characters.
    const r = resolver.resolve('江城市财正局');
    expect(r.status).toBe('fuzzy');
    expect(r.reason).toBe('similar');
    expect(r.matches[0]).toEqual({ code: 'demo.finance', name: '江城市财政局', score: 0.75 });
    expect(r.note).toContain('相似度 0.75');
  });

  it('traditional characters fold to the simplified name (fuzzy, score 1)', () => {
    const r = resolver.resolve('江城市財政局');
    expect(r).toMatchObject({ status: 'fuzzy', reason: 'normalized_equal' });
    expect(r.matches).toEqual([{ code: 'demo.finance', name: '江城市财政局', score: 1 }]);
  });

  it('a name without the 市 prefix still finds the city bureau', () => {
    const r = resolver.resolve('江城教育局');
    expect(r.status).toBe('fuzzy');
    expect(r.matches[0]!.code).toBe('demo.edu');
    expect(r.matches[0]!.score).toBeGreaterThan(0.8);
  });

  it('a county name keeps the match inside that county', () => {
    const r = resolver.resolve('甲山教育局');
    expect(r.status).toBe('fuzzy');
    expect(r.matches[0]!.code).toBe('demo.county.a.edu');
    expect(r.matches.map((m) => m.code)).not.toContain('demo.county.b.edu');
  });

  it('reports near-equal candidates as ambiguous instead of picking one', () => {
    const r = resolver.resolve('教育科');
    expect(r).toMatchObject({ status: 'fuzzy', reason: 'ambiguous' });
    expect(r.matches.map((m) => m.code).sort()).toEqual(['demo.edu.basic', 'demo.edu.vocational']);
    expect(r.matches[0]!.score).toBe(r.matches[1]!.score);
    expect(r.note).toContain('请选择');
  });

  it('a nonsense name is unresolved with no guess', () => {
    expect(resolver.resolve('月球开发管理局')).toEqual({
      status: 'unresolved', reason: 'no_match', input: '月球开发管理局', matches: [], note: '部门库中找不到“月球开发管理局”，请人工指定承办单位',
    });
  });

  it('a similar but different bureau is not offered (民政局 is not 财政局)', () => {
    expect(resolver.resolve('市税务局').status).toBe('unresolved');
  });

  it('provincial and national bodies are reported as outside the jurisdiction', () => {
    for (const name of ['省教育厅', '省体育局', '教育部', '国家发展改革委', '云南省委']) {
      expect(resolver.resolve(name)).toMatchObject({ status: 'unresolved', reason: 'outside_jurisdiction', matches: [] });
    }
  });

  it('a unit of another city is outside, even when the rest of the name matches', () => {
    const r = resolver.resolve('海城市财政局');
    expect(r).toMatchObject({ status: 'unresolved', reason: 'outside_jurisdiction', matches: [] });
    expect(r.note).toContain('海城市');
  });

  it('the own place under another level word is still resolved (fuzzy)', () => {
    const r = resolver.resolve('江城州财政局');
    expect(r.status).toBe('fuzzy');
    expect(r.matches[0]!.code).toBe('demo.finance');
  });

  it('blank input is unresolved as empty', () => {
    expect(resolver.resolve('  ')).toMatchObject({ status: 'unresolved', reason: 'empty', matches: [] });
  });

  it('respects a stricter threshold', () => {
    const strict = createResolver(registry, { threshold: 0.9 });
    expect(strict.resolve('江城市财正局').status).toBe('unresolved');
  });
});

describe('resolve: collectives', () => {
  it('各县（市、区） expands to every county-level unit', () => {
    const r = resolver.resolve('各县（市、区）');
    expect(r).toMatchObject({ status: 'collective', reason: 'county_collective' });
    expect(r.matches.map((m) => m.code)).toEqual(['demo.county.a', 'demo.county.b']);
    expect(resolver.countyUnits().map((c) => c.code)).toEqual(['demo.county.a', 'demo.county.b']);
  });

  it.each(['各县市区', '各县市', '各区县', '各县（市、区）人民政府', '各縣(市、區)人民政府', '县(区)政府'])('%s expands to both counties', (name) => {
    expect(resolver.resolve(name).matches).toHaveLength(2);
  });

  it('各县（市、区）教育局 expands to each county education bureau', () => {
    const r = resolver.resolve('各县（市、区）教育局');
    expect(r).toMatchObject({ status: 'collective', reason: 'county_collective_units' });
    expect(r.matches.map((m) => m.code)).toEqual(['demo.county.a.edu', 'demo.county.b.edu']);
  });

  it('a per-county unit missing from the registry falls back to the counties, flagged', () => {
    const r = resolver.resolve('县（市、区）教研室');
    expect(r).toMatchObject({ status: 'collective', reason: 'county_collective_unit_unknown' });
    expect(r.matches.map((m) => m.code)).toEqual(['demo.county.a', 'demo.county.b']);
    expect(r.note).toContain('教研室');
  });

  it.each(['各有关部门', '各相关单位', '市级有关部门', '市政府各部门'])('%s needs the coordinator to choose', (name) => {
    expect(resolver.resolve(name)).toMatchObject({ status: 'collective', reason: 'needs_coordinator_choice', matches: [] });
  });
});

describe('resolveMany', () => {
  it('resolves each name of a list in order', () => {
    expect(codes('市教育局、市财政局、各县市人民政府')).toEqual([
      ['alias', ['demo.edu']],
      ['alias', ['demo.finance']],
      ['collective', ['demo.county.a', 'demo.county.b']],
    ]);
  });

  it('splits at 和 only when that yields units', () => {
    expect(codes('甲山县和乙水区')).toEqual([['alias', ['demo.county.a']], ['alias', ['demo.county.b']]]);
    expect(codes('江城市人力资源和社会保障局')).toEqual([['exact', ['demo.hrss']]]);
    expect(codes('财政和人社局等部门')).toEqual([['alias', ['demo.finance']], ['alias', ['demo.hrss']]]);
  });

  it('puts back a collective split by its inner 、 (各县、区人民政府)', () => {
    expect(codes('各县、区人民政府，市政府各部门')).toEqual([
      ['collective', ['demo.county.a', 'demo.county.b']],
      ['collective', []],
    ]);
  });

  it('keeps unresolved names in the result rather than dropping them', () => {
    const results = resolver.resolveMany('市财政局、月球开发管理局');
    expect(results.map((r) => r.status)).toEqual(['alias', 'unresolved']);
    expect(results[1]!.input).toBe('月球开发管理局');
  });
});
