import { formatFactor, formatPercent, formatPoints } from './points.js';
import type { TaskRole } from './task-fact.types.js';

/** Chinese ledger reasons, written the way an assessment notice would put them. */

export function taskName(title: string | undefined, taskId: string): string {
  return `任务“${title && title.trim() !== '' ? title : taskId}”`;
}

export function roleName(role: TaskRole): string {
  return role === 'lead' ? '牵头单位' : '配合单位';
}

/** "加1分" / "扣0.5分" / "不加不扣". */
export function pointsPhrase(points: number): string {
  if (points > 0) return `加${formatPoints(points)}分`;
  if (points < 0) return `扣${formatPoints(points)}分`;
  return '不加不扣';
}

export interface Factors {
  quality?: { rating: string; factor: number };
  category?: { name: string; weight: number; factor: number };
}

const factorsCache = new Map<string, string>();

/** "（质量评价“优”，系数1.2；类别“教育教学管理及质量评价”权重45%，系数2.25）" or "". */
export function factorsPhrase(factors: Factors): string {
  // A year has millions of lines but only a handful of rating × category combinations.
  const { quality, category } = factors;
  const cacheKey = `${quality?.rating}\u0000${quality?.factor}\u0000${category?.name}\u0000${category?.weight}\u0000${category?.factor}`;
  let phrase = factorsCache.get(cacheKey);
  if (phrase === undefined) {
    phrase = buildFactorsPhrase(factors);
    if (factorsCache.size < 10_000) factorsCache.set(cacheKey, phrase);
  }
  return phrase;
}

function buildFactorsPhrase(factors: Factors): string {
  const parts: string[] = [];
  if (factors.quality && factors.quality.factor !== 1) {
    parts.push(`质量评价“${factors.quality.rating}”，系数${formatFactor(factors.quality.factor)}`);
  }
  if (factors.category && factors.category.factor !== 1) {
    parts.push(`类别“${factors.category.name}”权重${formatPercent(factors.category.weight)}，系数${formatFactor(factors.category.factor)}`);
  }
  return parts.length > 0 ? `（${parts.join('；')}）` : '';
}

export function adjustmentPhrase(points: number): string {
  if (points > 0) return `加回${formatPoints(points)}分`;
  return `减去${formatPoints(points)}分`;
}
