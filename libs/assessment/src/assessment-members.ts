import type { EntityManager } from 'typeorm';
import type { RankOptions, ScoringScheme } from '@duban/scoring';

export interface AssessmentMember {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/**
 * The departments an assessment scores: every unit below the jurisdiction's root whose kind one of
 * the scheme's peer groups takes (a `*` group takes every kind). The root itself is the assessor.
 */
export async function loadMembers(manager: EntityManager, jurisdictionId: string, scheme: ScoringScheme): Promise<AssessmentMember[]> {
  const rows: AssessmentMember[] = await manager.query(
    `SELECT d.id, d.code, d.name, d.kind FROM departments d
       JOIN departments root ON root.id = $1
      WHERE d.path LIKE root.path || '%' AND d.id <> root.id
      ORDER BY d.id`,
    [jurisdictionId],
  );
  const catchAll = scheme.peerGroups.some((group) => group.departmentKinds.includes('*'));
  const kinds = new Set(scheme.peerGroups.flatMap((group) => group.departmentKinds));
  return rows.filter((row) => catchAll || kinds.has(row.kind));
}

/** Each member's kind (its peer group) and code (the closing tie-breaker 单位编号顺序), as ranking needs them. */
export function rankOptionsOf(members: readonly AssessmentMember[]): RankOptions {
  return {
    departmentKinds: new Map(members.map((m) => [m.id, m.kind])),
    departmentCodes: new Map(members.map((m) => [m.id, m.code])),
  };
}
