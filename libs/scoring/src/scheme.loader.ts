import { SchemeFieldReader } from './scheme-field.reader.js';
import { SchemeValidationError } from './scheme-validation.error.js';
import {
  QUALITY_RATINGS,
  REWARD_RULE_IDS,
  TASK_RULE_IDS,
  TIE_BREAKERS,
  type BonusQuota,
  type CategoryWeight,
  type Disqualifier,
  type GradeBand,
  type PeerGroup,
  type QualityMultipliers,
  type QuotaRounding,
  type ScoringScheme,
  type TaskRuleConfig,
  type TaskRules,
  type TieBreaker,
  type YearCaps,
} from './scoring-scheme.types.js';

const ROUNDINGS: readonly QuotaRounding[] = ['floor', 'round', 'ceil'];
const TOP_LEVEL_KEYS = [
  'id', 'version', 'name', 'description', 'jurisdiction', 'notes', 'baseScore', 'rules', 'quality', 'categories',
  'yearCaps', 'bonusQuota', 'grades', 'gradeQuotaRounding', 'disqualifiers', 'tieBreakers', 'peerGroups',
] as const;
const RULE_KEYS = [
  'label', 'lead', 'support', 'capPerTask', 'capPerYear', 'weighted', 'qualityRated', 'quotaLimited', 'minWorkingDaysEarly',
] as const;
/** Weights are shares written with a few decimals; allow for rounding in the source table. */
const WEIGHT_SUM_TOLERANCE = 0.001;

/**
 * Validates untrusted JSON into a ScoringScheme. Every problem is collected and reported with the
 * field that causes it; nothing is defaulted silently except documented optional fields.
 * The returned scheme is deep-frozen: a scheme version never changes once loaded.
 */
export function parseScoringScheme(input: unknown, source?: string): ScoringScheme {
  const read = new SchemeFieldReader();
  const root = read.object(input, '(根)');
  if (!root) throw new SchemeValidationError(read.issues, source);
  read.noUnknownKeys(root, '', TOP_LEVEL_KEYS);

  const grades = readGrades(read, root.grades);
  const scheme: ScoringScheme = {
    id: read.string(root.id, 'id'),
    version: read.number(root.version, 'version', { min: 1, integer: true }),
    name: read.string(root.name, 'name'),
    description: read.optionalString(root.description, 'description'),
    jurisdiction: read.optionalString(root.jurisdiction, 'jurisdiction'),
    notes: readNotes(read, root.notes),
    baseScore: read.number(root.baseScore, 'baseScore', { min: 0 }),
    rules: readRules(read, root.rules),
    quality: readQuality(read, root.quality),
    categories: readCategories(read, root.categories),
    yearCaps: readYearCaps(read, root.yearCaps),
    bonusQuota: readBonusQuota(read, root.bonusQuota),
    grades,
    gradeQuotaRounding: root.gradeQuotaRounding === undefined ? 'floor' : read.oneOf(root.gradeQuotaRounding, 'gradeQuotaRounding', ROUNDINGS),
    disqualifiers: readDisqualifiers(read, root.disqualifiers, grades),
    tieBreakers: readTieBreakers(read, root.tieBreakers),
    peerGroups: readPeerGroups(read, root.peerGroups),
  };
  if (scheme.id && !/^[a-z0-9][a-z0-9-]*$/.test(scheme.id)) read.fail('id', `只能包含小写字母、数字和连字符，实际为 ${JSON.stringify(scheme.id)}`);

  if (read.issues.length > 0) throw new SchemeValidationError(read.issues, source);
  return deepFreeze(stripUndefined(scheme));
}

function readNotes(read: SchemeFieldReader, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (read.array(value, 'notes') ?? []).map((note, index) => read.string(note, `notes[${index}]`));
}

function readRules(read: SchemeFieldReader, value: unknown): TaskRules {
  const record = read.object(value, 'rules') ?? {};
  read.noUnknownKeys(record, 'rules', TASK_RULE_IDS);
  const rules = {} as TaskRules;
  for (const id of TASK_RULE_IDS) {
    const field = `rules.${id}`;
    const raw = read.object(record[id], field);
    if (!raw) continue; // one issue for the missing rule, not one per field inside it
    read.noUnknownKeys(raw, field, RULE_KEYS);
    const reward = REWARD_RULE_IDS.includes(id);
    const sign = reward ? { min: 0 } : { max: 0 };
    const signText = reward ? '加分规则的分值应不小于 0' : '扣分规则的分值应不大于 0';
    const points = (key: 'lead' | 'support'): number => {
      const before = read.issues.length;
      const n = read.number(raw[key], `${field}.${key}`);
      if (read.issues.length === before && ((reward && n < 0) || (!reward && n > 0))) {
        read.fail(`${field}.${key}`, `${signText}，实际为 ${n}`);
      }
      return n;
    };
    const rule: TaskRuleConfig = {
      label: read.string(raw.label, `${field}.label`),
      lead: points('lead'),
      support: points('support'),
      capPerTask: read.optionalNumber(raw.capPerTask, `${field}.capPerTask`, { min: 0 }),
      capPerYear: read.optionalNumber(raw.capPerYear, `${field}.capPerYear`, { min: 0 }),
      weighted: read.boolean(raw.weighted, `${field}.weighted`),
      qualityRated: raw.qualityRated === undefined ? false : read.boolean(raw.qualityRated, `${field}.qualityRated`),
      quotaLimited: raw.quotaLimited === undefined ? false : read.boolean(raw.quotaLimited, `${field}.quotaLimited`),
      minWorkingDaysEarly: read.optionalNumber(raw.minWorkingDaysEarly, `${field}.minWorkingDaysEarly`, { min: 1, integer: true }),
    };
    if (id === 'completedEarly' && rule.minWorkingDaysEarly === undefined) {
      read.fail(`${field}.minWorkingDaysEarly`, '提前完成规则须写明提前多少个工作日算提前，缺失');
    }
    if (id !== 'completedEarly' && rule.minWorkingDaysEarly !== undefined) {
      read.fail(`${field}.minWorkingDaysEarly`, '只适用于 completedEarly');
    }
    if (rule.quotaLimited && !reward) read.fail(`${field}.quotaLimited`, '只有加分规则可受加分名额限制');
    rules[id] = rule;
  }
  return rules;
}

function readQuality(read: SchemeFieldReader, value: unknown): QualityMultipliers {
  const record = read.object(value, 'quality') ?? {};
  read.noUnknownKeys(record, 'quality', [...QUALITY_RATINGS, 'unrated']);
  const factor = (key: string) => read.number(record[key], `quality.${key}`, { min: 0, max: 5 });
  return { 优: factor('优'), 良: factor('良'), 中: factor('中'), 差: factor('差'), unrated: factor('unrated') };
}

function readCategories(read: SchemeFieldReader, value: unknown): CategoryWeight[] {
  if (value === undefined) return [];
  const list = read.array(value, 'categories') ?? [];
  const seen = new Set<string>();
  const categories = list.map((raw, index) => {
    const field = `categories[${index}]`;
    const record = read.object(raw, field) ?? {};
    read.noUnknownKeys(record, field, ['id', 'name', 'weight', 'indicators']);
    const id = read.string(record.id, `${field}.id`);
    if (seen.has(id)) read.fail(`${field}.id`, `与前面的类别重复：${id}`);
    seen.add(id);
    const indicators =
      record.indicators === undefined
        ? undefined
        : (read.array(record.indicators, `${field}.indicators`) ?? []).map((item, i) => read.string(item, `${field}.indicators[${i}]`));
    return {
      id,
      name: read.string(record.name, `${field}.name`),
      weight: read.number(record.weight, `${field}.weight`, { min: 0, max: 1 }),
      indicators,
    };
  });
  if (categories.length > 0) {
    const total = categories.reduce((sum, category) => sum + category.weight, 0);
    if (Math.abs(total - 1) > WEIGHT_SUM_TOLERANCE) read.fail('categories', `各类别权重之和应为 1（100%），实际为 ${Number(total.toFixed(4))}`);
  }
  return categories;
}

function readYearCaps(read: SchemeFieldReader, value: unknown): YearCaps {
  if (value === undefined) return {};
  const record = read.object(value, 'yearCaps') ?? {};
  read.noUnknownKeys(record, 'yearCaps', ['maxAdded', 'maxDeducted']);
  return {
    maxAdded: read.optionalNumber(record.maxAdded, 'yearCaps.maxAdded', { min: 0 }),
    maxDeducted: read.optionalNumber(record.maxDeducted, 'yearCaps.maxDeducted', { min: 0 }),
  };
}

function readBonusQuota(read: SchemeFieldReader, value: unknown): BonusQuota {
  const record = read.object(value, 'bonusQuota') ?? {};
  read.noUnknownKeys(record, 'bonusQuota', ['maxShare', 'rounding']);
  return {
    maxShare: read.number(record.maxShare, 'bonusQuota.maxShare', { min: 0, max: 1 }),
    rounding: record.rounding === undefined ? 'floor' : read.oneOf(record.rounding, 'bonusQuota.rounding', ROUNDINGS),
  };
}

function readGrades(read: SchemeFieldReader, value: unknown): GradeBand[] {
  const list = read.array(value, 'grades') ?? [];
  if (list.length === 0 && Array.isArray(value)) read.fail('grades', '至少需要一个等次');
  const seen = new Set<string>();
  let previousMin = Infinity;
  return list.map((raw, index) => {
    const field = `grades[${index}]`;
    const record = read.object(raw, field) ?? {};
    read.noUnknownKeys(record, field, ['name', 'minScore', 'maxShare']);
    const name = read.string(record.name, `${field}.name`);
    if (seen.has(name)) read.fail(`${field}.name`, `等次重复：${name}`);
    seen.add(name);
    const minScore = read.optionalNumber(record.minScore, `${field}.minScore`);
    const last = index === list.length - 1;
    if (last && minScore !== undefined) read.fail(`${field}.minScore`, '最后一个等次不设分数线（兜底等次），应删除');
    if (!last && minScore === undefined) read.fail(`${field}.minScore`, '除最后一个等次外都要有分数线，缺失');
    if (minScore !== undefined) {
      if (minScore >= previousMin) read.fail(`${field}.minScore`, `分数线应低于上一等次的 ${previousMin}，实际为 ${minScore}`);
      previousMin = minScore;
    }
    return { name, minScore, maxShare: read.optionalNumber(record.maxShare, `${field}.maxShare`, { min: 0, max: 1 }) };
  });
}

function readDisqualifiers(read: SchemeFieldReader, value: unknown, grades: GradeBand[]): Disqualifier[] {
  if (value === undefined) return [];
  const gradeNames = grades.map((grade) => grade.name);
  return (read.array(value, 'disqualifiers') ?? []).map((raw, index) => {
    const field = `disqualifiers[${index}]`;
    const record = read.object(raw, field) ?? {};
    read.noUnknownKeys(record, field, ['id', 'label', 'rule', 'role', 'minCount', 'barredGrades']);
    const barred = (read.array(record.barredGrades, `${field}.barredGrades`) ?? []).map((grade, i) => {
      const name = read.string(grade, `${field}.barredGrades[${i}]`);
      if (name && gradeNames.length > 0 && !gradeNames.includes(name)) read.fail(`${field}.barredGrades[${i}]`, `不是本方案的等次：${name}`);
      return name;
    });
    if (gradeNames.length > 0 && barred.includes(gradeNames[gradeNames.length - 1])) {
      read.fail(`${field}.barredGrades`, `不能否决兜底等次“${gradeNames[gradeNames.length - 1]}”`);
    }
    return {
      id: read.string(record.id, `${field}.id`),
      label: read.string(record.label, `${field}.label`),
      rule: read.oneOf(record.rule, `${field}.rule`, TASK_RULE_IDS),
      role: record.role === undefined ? undefined : read.oneOf(record.role, `${field}.role`, ['lead', 'support'] as const),
      minCount: read.number(record.minCount, `${field}.minCount`, { min: 1, integer: true }),
      barredGrades: barred,
    };
  });
}

function readTieBreakers(read: SchemeFieldReader, value: unknown): TieBreaker[] {
  if (value === undefined) return ['fewerDeducted', 'fewerMissedLead', 'moreCompletedOnTime', 'departmentId'];
  const list = (read.array(value, 'tieBreakers') ?? []).map((item, index) => read.oneOf(item, `tieBreakers[${index}]`, TIE_BREAKERS));
  // departmentId always closes the chain so that ranks are total and reproducible.
  return list.includes('departmentId') ? list : [...list, 'departmentId'];
}

function readPeerGroups(read: SchemeFieldReader, value: unknown): PeerGroup[] {
  const list = read.array(value, 'peerGroups') ?? [];
  if (list.length === 0 && Array.isArray(value)) read.fail('peerGroups', '至少需要一个考核组');
  const ids = new Set<string>();
  const kinds = new Map<string, string>();
  return list.map((raw, index) => {
    const field = `peerGroups[${index}]`;
    const record = read.object(raw, field) ?? {};
    read.noUnknownKeys(record, field, ['id', 'name', 'departmentKinds']);
    const id = read.string(record.id, `${field}.id`);
    if (ids.has(id)) read.fail(`${field}.id`, `考核组重复：${id}`);
    ids.add(id);
    const departmentKinds = (read.array(record.departmentKinds, `${field}.departmentKinds`) ?? []).map((kind, i) => {
      const name = read.string(kind, `${field}.departmentKinds[${i}]`);
      const owner = kinds.get(name);
      if (owner !== undefined) read.fail(`${field}.departmentKinds[${i}]`, `单位类型“${name}”已属于考核组 ${owner}`);
      kinds.set(name, id);
      return name;
    });
    if (Array.isArray(record.departmentKinds) && departmentKinds.length === 0) read.fail(`${field}.departmentKinds`, '至少需要一种单位类型');
    return { id, name: read.string(record.name, `${field}.name`), departmentKinds };
  });
}

function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => stripUndefined(item)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = stripUndefined(item);
    return out as T;
  }
  return value;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
