import type { DeadlineSource } from '@duban/persistence';
import { nearestExisting } from './item-paths.js';

export interface DatedItem {
  path: string;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
}

export interface ProposedDeadline {
  deadline: string | null;
  source: DeadlineSource | 'none';
}

/**
 * The deadline a proposed task starts with, and where it came from:
 * - `stated`: the item itself names it (到2025年, 2024年6月底前);
 * - `inherited`: the parser passed a heading's deadline down (a year block `2023年重点建机制`);
 * - `plan_end`: the document sets none, so the plan's last day (31 Dec of the period's end year);
 * - `none`: no deadline and no period — a problem the coordinator must fix.
 */
export function proposeDeadline(item: DatedItem, byPath: ReadonlyMap<string, DatedItem>, periodEnd: number | null): ProposedDeadline {
  if (item.deadline) {
    const ownPhrase = item.deadlineText !== null && item.text.includes(item.deadlineText);
    if (!ownPhrase && inheritedFromAncestor(item, byPath)) return { deadline: item.deadline, source: 'inherited' };
    return { deadline: item.deadline, source: 'stated' };
  }
  const ancestor = nearestDatedAncestor(item.path, byPath);
  if (ancestor) return { deadline: ancestor.deadline, source: 'inherited' };
  if (periodEnd !== null) return { deadline: `${periodEnd}-12-31`, source: 'plan_end' };
  return { deadline: null, source: 'none' };
}

function inheritedFromAncestor(item: DatedItem, byPath: ReadonlyMap<string, DatedItem>): boolean {
  const ancestor = nearestDatedAncestor(item.path, byPath);
  return ancestor !== null && ancestor.deadline === item.deadline;
}

function nearestDatedAncestor(path: string, byPath: ReadonlyMap<string, DatedItem>): DatedItem | null {
  let current = nearestExisting(path, byPath);
  while (current) {
    if (current.deadline) return current;
    current = nearestExisting(current.path, byPath);
  }
  return null;
}
