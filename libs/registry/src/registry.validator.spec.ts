import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistries, loadRegistryFile } from './registry.loader.js';
import { RegistryValidationError, assertDistinctRegistries, parseRegistry } from './registry.validator.js';

const valid = () => ({
  jurisdiction: 'demo',
  departments: [
    { code: 'demo', name: '示例市人民政府', kind: 'government', parentCode: null, aliases: ['市政府'] },
    { code: 'demo.edu', name: '示例市教育局', kind: 'bureau', parentCode: 'demo', aliases: ['市教育局'] },
    { code: 'demo.county.a', name: '甲县人民政府', kind: 'county', parentCode: 'demo', aliases: ['甲县'] },
    { code: 'demo.county.a.edu', name: '甲县教育局', kind: 'county_bureau', parentCode: 'demo.county.a', aliases: [] },
  ],
});

function issuesOf(input: unknown): string[] {
  try {
    parseRegistry(input, 'demo.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryValidationError);
    expect((error as Error).message).toContain('demo.json');
    return [...(error as RegistryValidationError).issues];
  }
  throw new Error('expected the registry to be rejected');
}

describe('parseRegistry', () => {
  it('accepts a well-formed registry and keeps its entries', () => {
    const registry = parseRegistry(valid());
    expect(registry.jurisdiction).toBe('demo');
    expect(registry.departments.map((d) => d.code)).toEqual(['demo', 'demo.edu', 'demo.county.a', 'demo.county.a.edu']);
  });

  it('rejects duplicate codes, naming the code and both units', () => {
    const input = valid();
    input.departments.push({ code: 'demo.edu', name: '示例市教育体育局', kind: 'bureau', parentCode: 'demo', aliases: [] });
    expect(issuesOf(input)).toEqual([expect.stringMatching(/duplicate code "demo\.edu".*示例市教育局.*示例市教育体育局/)]);
  });

  it('rejects an unknown parentCode, naming the entry', () => {
    const input = valid();
    input.departments.push({ code: 'demo.finance', name: '示例市财政局', kind: 'bureau', parentCode: 'demo.nowhere', aliases: [] });
    expect(issuesOf(input)).toEqual(['"demo.finance" (示例市财政局): unknown parentCode "demo.nowhere"']);
  });

  it('rejects an unknown kind, naming the entry and the allowed kinds', () => {
    const input = valid();
    input.departments.push({ code: 'demo.park', name: '示例公园', kind: 'park', parentCode: 'demo', aliases: [] });
    const [issue] = issuesOf(input);
    expect(issue).toContain('departments[4] "demo.park" (示例公园): unknown kind "park"');
    expect(issue).toContain('county_bureau');
  });

  it('rejects codes that are not slugs or lack the jurisdiction prefix', () => {
    const input = valid();
    input.departments.push({ code: 'Demo Finance', name: '财政', kind: 'bureau', parentCode: 'demo', aliases: [] });
    input.departments.push({ code: 'other.finance', name: '财政局', kind: 'bureau', parentCode: 'demo', aliases: [] });
    const issues = issuesOf(input);
    expect(issues[0]).toMatch(/departments\[4\].*code must be a lowercase ASCII slug/);
    expect(issues[1]).toMatch(/departments\[5\] "other\.finance".*must start with the jurisdiction "demo\."/);
  });

  it('rejects an alias claimed by two units', () => {
    const input = valid();
    input.departments[3]!.aliases.push('市教育局');
    expect(issuesOf(input)).toEqual(['name or alias "市教育局" is used by both "demo.edu" and "demo.county.a.edu"']);
  });

  it('rejects a registry without a single government root', () => {
    const input = valid();
    input.departments[1]!.parentCode = null;
    expect(issuesOf(input)[0]).toMatch(/exactly one root .* found 2: "demo", "demo.edu"/);
  });

  it('rejects a county bureau that is not under a county, and parent loops', () => {
    const input = valid();
    input.departments[3]!.parentCode = 'demo';
    input.departments.push(
      { code: 'demo.x', name: '甲', kind: 'other', parentCode: 'demo.y', aliases: [] },
      { code: 'demo.y', name: '乙', kind: 'other', parentCode: 'demo.x', aliases: [] },
    );
    const issues = issuesOf(input);
    expect(issues).toContain('"demo.county.a.edu" (甲县教育局): a county_bureau must sit under a county, not under government "demo"');
    expect(issues.some((i) => i.startsWith('"demo.x" (甲): parent chain loops'))).toBe(true);
  });

  it('rejects a malformed top level with the reason', () => {
    expect(issuesOf([])).toEqual(['top level must be an object with jurisdiction and departments']);
    expect(issuesOf({ jurisdiction: 'demo', departments: [] })).toEqual(['departments must be a non-empty array']);
    expect(issuesOf({ jurisdiction: 'Demo City', departments: [{}] })[0]).toContain('jurisdiction must be a lowercase ASCII slug');
  });
});

describe('assertDistinctRegistries', () => {
  it('rejects a code used in two jurisdictions', () => {
    const a = parseRegistry(valid());
    const b = { jurisdiction: 'other', departments: [{ ...a.departments[1]! }] };
    expect(() => assertDistinctRegistries([a, b])).toThrow('code "demo.edu" is used in both demo and other');
  });
});

describe('loadRegistryFile / loadRegistries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));

  it('loads a file and rejects invalid JSON naming the file', () => {
    writeFileSync(join(dir, 'demo.json'), `\uFEFF${JSON.stringify(valid())}`);
    expect(loadRegistryFile(join(dir, 'demo.json')).departments).toHaveLength(4);
    writeFileSync(join(dir, 'broken.json'), '{ "jurisdiction": ');
    expect(() => loadRegistryFile(join(dir, 'broken.json'))).toThrow(/broken\.json[\s\S]*not valid JSON/);
    expect(() => loadRegistryFile(join(dir, 'missing.json'))).toThrow(/missing\.json[\s\S]*cannot read file/);
  });

  it('rejects a file whose jurisdiction does not match its name', () => {
    writeFileSync(join(dir, 'elsewhere.json'), JSON.stringify(valid()));
    expect(() => loadRegistries(dir, ['elsewhere'])).toThrow('file is named for "elsewhere" but declares jurisdiction "demo"');
  });
});
