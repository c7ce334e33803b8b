import { describe, expect, it } from '@jest/globals';
import { loadSchemeFile, parseScoringScheme, SchemeValidationError } from '@duban/scoring';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemeInput, withRules } from './scheme.fixture.js';

const SEEDS = join(process.cwd(), 'seeds', 'scoring');

function issueFields(input: unknown): string[] {
  try {
    parseScoringScheme(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemeValidationError);
    return (error as SchemeValidationError).issues.map((issue) => issue.field).sort();
  }
  throw new Error('expected the scheme to be rejected');
}

describe('scheme loader', () => {
  it('loads the default and every jurisdiction seed', async () => {
    const files = readdirSync(SEEDS).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(['bazhong.json', 'chuxiong.json', 'dazhou.json', 'default.json', 'fushun.json', 'jiangmen.json']);
    for (const file of files) {
      const scheme = await loadSchemeFile(join(SEEDS, file));
      expect(scheme.id).toBe(file.replace('.json', ''));
      expect(Object.isFrozen(scheme.rules.missed)).toBe(true);
    }
  });

  it('carries the Dazhou 1+5+6 weights: five areas, teaching quality 45%', async () => {
    const dazhou = await loadSchemeFile(join(SEEDS, 'dazhou.json'));
    expect(dazhou.categories).toHaveLength(5);
    expect(dazhou.categories.find((category) => category.name === '教育教学管理及质量评价')?.weight).toBe(0.45);
  });

  it('rejects a deduction written as a positive number, naming the field', () => {
    const bad = schemeInput(withRules({ missed: { lead: 5 } }));
    expect(() => parseScoringScheme(bad)).toThrow(/rules\.missed\.lead：扣分规则的分值应不大于 0，实际为 5/);
  });

  it('names a missing rule, a typo, a wrong type and a bad grade ladder together', () => {
    const input = schemeInput({
      grades: [{ name: '优秀', minScore: 100 }, { name: '良好', minScore: 101 }, { name: '差', minScore: 0 }],
      bonusQuota: { maxShare: '10%' },
    });
    const rules = input.rules as Record<string, Record<string, unknown>>;
    delete rules.talk;
    rules.returned.capPerYaer = 3;
    expect(issueFields(input)).toEqual(['bonusQuota.maxShare', 'grades[1].minScore', 'grades[2].minScore', 'rules.returned.capPerYaer', 'rules.talk']);
  });

  it('rejects category weights that do not add up to 100%', () => {
    const input = schemeInput({ categories: [{ id: 'a', name: '甲', weight: 0.45 }, { id: 'b', name: '乙', weight: 0.45 }] });
    expect(() => parseScoringScheme(input)).toThrow(/categories：各类别权重之和应为 1（100%），实际为 0\.9/);
  });

  it('rejects a disqualifier naming a grade the scheme does not have, and a peer kind used twice', () => {
    const input = schemeInput({
      disqualifiers: [{ id: 'v', label: '一票否决', rule: 'missed', minCount: 2, barredGrades: ['特优'] }],
      peerGroups: [
        { id: 'a', name: '甲', departmentKinds: ['county'] },
        { id: 'b', name: '乙', departmentKinds: ['county'] },
      ],
    });
    expect(issueFields(input)).toEqual(['disqualifiers[0].barredGrades[0]', 'peerGroups[1].departmentKinds[0]']);
  });

  it('says which file is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheme-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "id": ');
    await expect(loadSchemeFile(file)).rejects.toThrow(/broken\.json.*不是合法的 JSON/);
  });
});
