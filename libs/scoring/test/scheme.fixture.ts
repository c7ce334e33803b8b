import { parseScoringScheme, type ScoringScheme } from '@duban/scoring';

/** A small scheme with the default values and no caps unless a test adds them. */
export function schemeInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test',
    version: 1,
    name: '测试方案',
    baseScore: 100,
    rules: {
      completedOnTime: { label: '按期完成', lead: 1, support: 0.5, weighted: true, qualityRated: true },
      completedEarly: { label: '提前完成', lead: 0.5, support: 0.2, minWorkingDaysEarly: 5, weighted: true, quotaLimited: true },
      completedLate: { label: '逾期完成', lead: -0.1, support: -0.1, weighted: true },
      missed: { label: '逾期未完成', lead: -5, support: -3, weighted: true },
      returned: { label: '退回重办', lead: -2, support: -2, weighted: false },
      escalatedYellow: { label: '黄灯督办', lead: -0.5, support: -0.5, weighted: false },
      escalatedRed: { label: '红灯督办', lead: -2, support: -2, weighted: false },
      talk: { label: '约谈', lead: -3, support: -3, weighted: false },
    },
    quality: { 优: 1.2, 良: 1, 中: 0.8, 差: 0.5, unrated: 1 },
    categories: [],
    yearCaps: {},
    bonusQuota: { maxShare: 0.1, rounding: 'floor' },
    grades: [
      { name: '优秀', minScore: 105, maxShare: 0.15 },
      { name: '良好', minScore: 100, maxShare: 0.2 },
      { name: '合格', minScore: 90 },
      { name: '较差', minScore: 80 },
      { name: '差' },
    ],
    disqualifiers: [{ id: 'veto', label: '一票否决', rule: 'missed', role: 'lead', minCount: 2, barredGrades: ['优秀'] }],
    peerGroups: [{ id: 'all', name: '全部单位', departmentKinds: ['*'] }],
    ...overrides,
  };
}

export function testScheme(overrides: Record<string, unknown> = {}): ScoringScheme {
  return parseScoringScheme(schemeInput(overrides));
}

/** The fixture's rules with some fields of some rules replaced. */
export function withRules(patch: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const rules = structuredClone(schemeInput().rules) as Record<string, Record<string, unknown>>;
  for (const [rule, fields] of Object.entries(patch)) rules[rule] = { ...rules[rule], ...fields };
  return { rules };
}
