import { rank, type RankOptions, type YearRanking } from './rank.js';
import { scoreYear, type ScoreYearInput, type YearScores } from './score-year.js';
import { compare } from './fact.normalizer.js';

export interface YearResult {
  scores: YearScores;
  ranking: YearRanking;
}

/** Scores and ranks a year in one call; the worker's full recompute and a what-if both use it. */
export function computeYear(input: ScoreYearInput & RankOptions): YearResult {
  const scores = scoreYear(input);
  return { scores, ranking: rank(scores, input.scheme, input) };
}

export interface WhatIfRow {
  departmentId: string;
  peerGroupId: string;
  current: { score: number; grade: string; rank: number } | undefined;
  alternative: { score: number; grade: string; rank: number } | undefined;
  /** alternative − current score. */
  delta: number;
}

/**
 * Compares two rankings of the same year (e.g. the published scheme and a draft version over the
 * same facts) department by department, without publishing anything.
 */
export function compareRankings(current: YearRanking, alternative: YearRanking): WhatIfRow[] {
  const index = (ranking: YearRanking) =>
    new Map(ranking.groups.flatMap((group) => group.departments.map((unit) => [unit.departmentId, unit] as const)));
  const a = index(current);
  const b = index(alternative);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort(compare);
  return ids.map((departmentId) => {
    const before = a.get(departmentId);
    const after = b.get(departmentId);
    const pick = (unit: typeof before) => (unit ? { score: unit.score, grade: unit.grade, rank: unit.rank } : undefined);
    return {
      departmentId,
      peerGroupId: (after ?? before)!.peerGroupId,
      current: pick(before),
      alternative: pick(after),
      delta: Number(((after?.score ?? 0) - (before?.score ?? 0)).toFixed(2)),
    };
  });
}
