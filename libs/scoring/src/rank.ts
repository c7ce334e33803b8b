import { scoreFromBasis, type DepartmentScore } from './department-score.js';
import { formatPercent, formatPoints } from './points.js';
import { quotaCount } from './quota.js';
import type { PeerGroup, ScoringScheme } from './scoring-scheme.types.js';
import { compareDepartments, decidingTieBreaker, TIE_BREAKER_NAMES, type DepartmentCodeOf } from './tie-break.js';
import type { YearScores } from './score-year.js';

type DepartmentLookup = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

export interface RankOptions {
  /** departmentId → department kind (县区政府, 市直部门, 小学 …), matched against peer groups. */
  departmentKinds: DepartmentLookup;
  /**
   * departmentId → the department's stable code (departments.code), the order of the closing
   * tie-breaker 单位编号顺序. Ids differ between databases, codes do not; a department missing
   * here is ordered by its id after all coded ones.
   */
  departmentCodes: DepartmentLookup;
}

export interface RankedDepartment {
  departmentId: string;
  peerGroupId: string;
  departmentKind: string | undefined;
  /** 1 = best in the peer group; ties are broken, so ranks are distinct. */
  rank: number;
  grade: string;
  score: number;
  /** Why the grade is what it is when it is not simply the score band (Chinese). */
  notes: string[];
  /** The final score with the bonus quota applied: its lines are the ledger to show. */
  result: DepartmentScore;
}

export interface PeerGroupRanking {
  peerGroupId: string;
  name: string;
  size: number;
  /** Units that may keep 加分. */
  bonusQuota: number;
  /** Band name → largest number of units, or null when the band has no quota. */
  gradeQuotas: Record<string, number | null>;
  /** Band name → units that got it. */
  distribution: Record<string, number>;
  /** Best first. */
  departments: RankedDepartment[];
}

export interface YearRanking {
  year: number;
  schemeId: string;
  schemeVersion: number;
  groups: PeerGroupRanking[];
}

/**
 * Ranks each peer group: applies the bonus quota (rebuilding the ledgers of units beyond it),
 * sorts with deterministic tie-breaking, then hands out grade bands best first, honouring band
 * quotas and disqualifiers (一票否决). Pure: the same scores always give the same ranking.
 */
export function rank(scores: YearScores | readonly DepartmentScore[], scheme: ScoringScheme, options: RankOptions): YearRanking {
  const list = Array.isArray(scores) ? (scores as readonly DepartmentScore[]) : (scores as YearScores).departments;
  for (const score of list) {
    if (score.schemeId !== scheme.id || score.schemeVersion !== scheme.version) {
      throw new Error(`单位 ${score.departmentId} 的得分按方案 ${score.schemeId} v${score.schemeVersion} 计算，不能按 ${scheme.id} v${scheme.version} 排名`);
    }
  }
  const years = new Set(list.map((score) => score.year));
  if (years.size > 1) throw new Error(`不能把不同年度（${[...years].join('、')}）的得分放在一起排名`);
  const kindOf = lookup(options.departmentKinds);
  const codeOf = lookup(options.departmentCodes);

  const members = new Map<string, DepartmentScore[]>(scheme.peerGroups.map((group) => [group.id, []]));
  for (const score of list) members.get(peerGroupOf(scheme, score.departmentId, kindOf(score.departmentId)).id)!.push(score);

  return {
    year: list[0]?.year ?? 0,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    groups: scheme.peerGroups.map((group) => rankGroup(group, members.get(group.id)!, scheme, kindOf, codeOf)),
  };
}

function lookup(table: DepartmentLookup): (id: string) => string | undefined {
  if (table instanceof Map) return (id) => table.get(id);
  const record = table as Readonly<Record<string, string>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

export function peerGroupOf(scheme: ScoringScheme, departmentId: string, kind: string | undefined): PeerGroup {
  const exact = kind === undefined ? undefined : scheme.peerGroups.find((group) => group.departmentKinds.includes(kind));
  const group = exact ?? scheme.peerGroups.find((candidate) => candidate.departmentKinds.includes('*'));
  if (!group) {
    throw new Error(`单位 ${departmentId} 的类型“${kind ?? '(未提供)'}”不属于方案 ${scheme.id} 的任何考核组（${scheme.peerGroups.map((g) => g.name).join('、')}）`);
  }
  return group;
}

function rankGroup(
  group: PeerGroup,
  units: DepartmentScore[],
  scheme: ScoringScheme,
  kindOf: (id: string) => string | undefined,
  codeOf: DepartmentCodeOf,
): PeerGroupRanking {
  const order = compareDepartments(scheme.tieBreakers, codeOf);
  const size = units.length;
  const bonusQuota = quotaCount(size, scheme.bonusQuota.maxShare, scheme.bonusQuota.rounding);
  const final = applyBonusQuota(units, scheme, size, bonusQuota, order).sort(order);

  const gradeQuotas: Record<string, number | null> = {};
  const distribution: Record<string, number> = {};
  for (const band of scheme.grades) {
    gradeQuotas[band.name] = band.maxShare === undefined ? null : quotaCount(size, band.maxShare, scheme.gradeQuotaRounding);
    distribution[band.name] = 0;
  }

  const departments = final.map((unit, index): RankedDepartment => {
    const notes: string[] = [];
    const barred = new Set<string>();
    for (const rule of scheme.disqualifiers) {
      const counts = unit.counts[rule.rule];
      const count = rule.role ? counts[rule.role] : counts.lead + counts.support;
      if (count >= rule.minCount) {
        for (const grade of rule.barredGrades) barred.add(grade);
        const who = rule.role === 'lead' ? '牵头' : rule.role === 'support' ? '配合' : '';
        notes.push(`${rule.label}：${who}任务“${scheme.rules[rule.rule].label}”${count}项（达到${rule.minCount}项），不得评为${rule.barredGrades.join('、')}`);
      }
    }
    let grade = scheme.grades[scheme.grades.length - 1].name;
    for (const band of scheme.grades) {
      if (band.minScore !== undefined && unit.score < band.minScore) continue;
      if (barred.has(band.name)) continue;
      const quota = gradeQuotas[band.name];
      if (quota !== null && distribution[band.name] >= quota) {
        notes.push(`得分达到“${band.name}”分数线（${formatPoints(band.minScore ?? 0)}分），但本组“${band.name}”名额（${size}个单位的${formatPercent(band.maxShare ?? 0)}，即${quota}个）已满`);
        continue;
      }
      grade = band.name;
      break;
    }
    distribution[grade] += 1;
    if (unit.bonusDenied) notes.push(unit.basis.quotaDenial ?? '加分超出名额，不计');
    notes.push(...tieNotes(final, index, scheme, codeOf));
    return {
      departmentId: unit.departmentId,
      peerGroupId: group.id,
      departmentKind: kindOf(unit.departmentId),
      rank: index + 1,
      grade,
      score: unit.score,
      notes,
      result: unit,
    };
  });
  return { peerGroupId: group.id, name: group.name, size, bonusQuota, gradeQuotas, distribution, departments };
}

/**
 * Says which tie-breaker placed a unit after the equal-scored unit just above it and before the one
 * just below: with several units on one score, the place is not the score's doing and a
 * department reading its rank should see what decided it.
 */
function tieNotes(sorted: readonly DepartmentScore[], index: number, scheme: ScoringScheme, codeOf: DepartmentCodeOf): string[] {
  const unit = sorted[index];
  const notes: string[] = [];
  const neighbours = [
    { other: sorted[index - 1], rank: index, side: '后' },
    { other: sorted[index + 1], rank: index + 2, side: '前' },
  ];
  for (const { other, rank: otherRank, side } of neighbours) {
    if (!other || other.score !== unit.score) continue;
    const breaker = decidingTieBreaker(scheme.tieBreakers, unit, other, codeOf);
    if (breaker === undefined) continue;
    notes.push(`与第${otherRank}名同为${unit.score}分，按“${TIE_BREAKER_NAMES[breaker]}”排在其${side}`);
  }
  return notes;
}

/**
 * Units claiming 加分 compete for the quota by the size of their claim, then by score and the
 * tie-breakers; those beyond it get their 加分 voided by explicit lines. Ledgers are rebuilt from
 * their basis, so ranking the same scores twice gives the same result.
 */
function applyBonusQuota(
  units: DepartmentScore[],
  scheme: ScoringScheme,
  size: number,
  quota: number,
  order: (a: DepartmentScore, b: DepartmentScore) => number,
): DepartmentScore[] {
  const claimants = units
    .filter((unit) => unit.bonusClaimed > 0)
    .sort((a, b) => b.bonusClaimed - a.bonusClaimed || order(a, b));
  const denied = new Map<string, string>();
  claimants.forEach((unit, index) => {
    if (index < quota) return;
    denied.set(
      unit.departmentId,
      `本考核组${size}个单位，获加分单位不超过${formatPercent(scheme.bonusQuota.maxShare)}（${quota}个）；本单位加分${formatPoints(unit.bonusClaimed)}分，列第${index + 1}位，超出名额，加分不计`,
    );
  });
  return units.map((unit) => {
    const denial = denied.get(unit.departmentId);
    if (denial === unit.basis.quotaDenial) return unit;
    const meta = { year: unit.year, asOf: unit.asOf };
    return scoreFromBasis({ ...unit.basis, quotaDenial: denial }, scheme, meta);
  });
}
