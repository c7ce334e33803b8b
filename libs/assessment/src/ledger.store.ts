import type { EntityManager } from 'typeorm';
import { emptyCounts, NO_ID, TASK_RULE_IDS, toCents, type DepartmentTally, type LedgerBasis, type LedgerLine } from '@duban/scoring';

/** One department's stored score row (department_scores), as the recompute and the readers read it back. */
export interface StoredScore {
  departmentId: string;
  score: number;
  added: number;
  deducted: number;
  bonusClaimed: number;
  counts: Record<string, { lead: number; support: number }>;
  /** Rule → hundredths after appeals and per-task caps; null for rows written before tallies were kept. */
  ruleCents: Record<string, number> | null;
  /** Why the bonus quota voided the department's 加分 (null: it kept them or claimed none). */
  quotaDenial: string | null;
  asOf: string;
  rank: number;
  grade: string;
  notes: string[];
}

export interface ScoreRow extends Omit<StoredScore, 'ruleCents'> {
  peerGroupId: string;
  bonusDenied: boolean;
  ruleCents: Record<string, number>;
}

const TASK_EVENT_ID = /^\d+$/;
const STEP_EVENT_ID = /^(?:esc|talk):([0-9a-f-]{36})$/i;
const RAW_RULES = new Set<string>(TASK_RULE_IDS);
const INSERT_CHUNK = 5000;

/** The raw task-rule lines and appeal voids a stored ledger was assembled from (quota lines are derived again by rank). */
export function basisFromLines(departmentId: string, lines: readonly LedgerLine[]): LedgerBasis {
  return {
    departmentId,
    rawLines: lines.filter((line) => RAW_RULES.has(line.rule)),
    appealVoided: lines.filter((line) => line.rule.startsWith('appeal:') && line.adjusts).map((line) => line.adjusts!),
  };
}

/** The tally a stored row was settled from, so a clean department can be ranked again without its facts. */
export function tallyOf(row: StoredScore): DepartmentTally | undefined {
  if (!row.ruleCents) return undefined;
  const counts = emptyCounts();
  for (const rule of TASK_RULE_IDS) if (row.counts[rule]) counts[rule] = { ...row.counts[rule] };
  const ruleCents = Object.fromEntries(TASK_RULE_IDS.map((rule) => [rule, row.ruleCents![rule] ?? 0])) as DepartmentTally['ruleCents'];
  return { ruleCents, counts, bonusClaimedCents: toCents(row.bonusClaimed) };
}

export async function loadStoredScores(manager: EntityManager, assessmentId: string, departmentIds?: readonly string[]): Promise<Map<string, StoredScore>> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT department_id, score, added, deducted, bonus_claimed, counts, rule_cents, quota_denial, to_char(as_of, 'YYYY-MM-DD') AS as_of, rank, grade, notes
       FROM department_scores WHERE assessment_id = $1 AND ($2::uuid[] IS NULL OR department_id = ANY($2::uuid[]))`,
    [assessmentId, departmentIds ?? null],
  );
  return new Map(
    rows.map((r) => [
      r.department_id as string,
      {
        departmentId: r.department_id as string,
        score: Number(r.score),
        added: Number(r.added),
        deducted: Number(r.deducted),
        bonusClaimed: Number(r.bonus_claimed),
        counts: r.counts as StoredScore['counts'],
        ruleCents: (r.rule_cents as StoredScore['ruleCents']) ?? null,
        quotaDenial: (r.quota_denial as string | null) ?? null,
        asOf: r.as_of as string,
        rank: r.rank as number,
        grade: r.grade as string,
        notes: r.notes as string[],
      },
    ]),
  );
}

export interface LineRow {
  department_id: string;
  line_key: string;
  rule: string;
  points: string;
  reason: string;
  role: 'lead' | 'support' | null;
  task_id: string | null;
  event_ref: string;
  line_date: string | null;
  adjusts: string | null;
  /** Reasons of rebuilt cap lines quote the task title, as the first computation did. */
  task_title?: string | null;
}

export function rowToLine(row: LineRow): LedgerLine {
  const line: LedgerLine = {
    key: row.line_key,
    departmentId: row.department_id,
    taskId: row.task_id ?? NO_ID,
    eventId: row.event_ref,
    rule: row.rule,
    points: Number(row.points),
    reason: row.reason,
  };
  if (row.role) line.role = row.role;
  if (row.task_title) line.taskTitle = row.task_title;
  if (row.line_date) line.date = row.line_date;
  if (row.adjusts) line.adjusts = row.adjusts;
  return line;
}

/** What a line points at, as `ledger_lines` keeps it: the task, and the task event or escalation step (or a date ref). */
export function lineTrace(line: LedgerLine): { taskId: string | null; taskEventId: string | null; escalationStepId: string | null; eventRef: string } {
  return {
    taskId: line.taskId && line.taskId !== NO_ID ? line.taskId : null,
    taskEventId: TASK_EVENT_ID.test(line.eventId) ? line.eventId : null,
    escalationStepId: STEP_EVENT_ID.exec(line.eventId)?.[1] ?? null,
    eventRef: line.eventId || NO_ID,
  };
}

/** Replaces the ledgers of the given departments: one DELETE, then bulk inserts of unnest()ed arrays. */
export async function replaceLines(
  manager: EntityManager,
  assessmentId: string,
  ledgers: ReadonlyArray<{ departmentId: string; lines: readonly LedgerLine[] }>,
): Promise<number> {
  if (ledgers.length === 0) return 0;
  await manager.query(`DELETE FROM ledger_lines WHERE assessment_id = $1 AND department_id = ANY($2::uuid[])`, [
    assessmentId,
    ledgers.map((l) => l.departmentId),
  ]);
  // One JSON parameter per chunk: JSON.stringify plus json_to_recordset is far cheaper than the
  // driver escaping fourteen text arrays element by element.
  let buffer: unknown[][] = [];
  let written = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    await manager.query(
      `INSERT INTO ledger_lines (assessment_id, department_id, line_key, position, rule, points, reason, role, task_id,
                                 task_event_id, escalation_step_id, event_ref, line_date, adjusts)
       SELECT $1::uuid, (r->>0)::uuid, r->>1, (r->>2)::int, r->>3, (r->>4)::numeric, r->>5, r->>6, (r->>7)::uuid,
              (r->>8)::bigint, (r->>9)::uuid, r->>10, (r->>11)::date, r->>12
         FROM json_array_elements($2::json) AS r`,
      [assessmentId, JSON.stringify(buffer)],
    );
    written += buffer.length;
    buffer = [];
  };
  for (const { departmentId, lines } of ledgers) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const r = lineTrace(line);
      buffer.push([departmentId, line.key, i, line.rule, line.points, line.reason, line.role ?? null, r.taskId, r.taskEventId, r.escalationStepId, r.eventRef, line.date ?? null, line.adjusts ?? null]);
      if (buffer.length >= INSERT_CHUNK) await flush();
    }
  }
  await flush();
  return written;
}

export async function upsertScores(manager: EntityManager, assessmentId: string, rows: readonly ScoreRow[], at: Date): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await manager.query(
      `INSERT INTO department_scores (assessment_id, department_id, peer_group_id, rank, grade, score, added, deducted, bonus_claimed,
                                      bonus_denied, counts, notes, rule_cents, quota_denial, as_of, computed_at)
       SELECT $1, d, p, r, g, s, a, x, b, bd, c::jsonb, n::jsonb, rc::jsonb, q, o, $2
         FROM unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[],
                     $11::bool[], $12::text[], $13::text[], $14::text[], $15::text[], $16::date[]) AS u(d, p, r, g, s, a, x, b, bd, c, n, rc, q, o)
       ON CONFLICT (assessment_id, department_id) DO UPDATE SET peer_group_id = EXCLUDED.peer_group_id, rank = EXCLUDED.rank,
         grade = EXCLUDED.grade, score = EXCLUDED.score, added = EXCLUDED.added, deducted = EXCLUDED.deducted,
         bonus_claimed = EXCLUDED.bonus_claimed, bonus_denied = EXCLUDED.bonus_denied, counts = EXCLUDED.counts,
         notes = EXCLUDED.notes, rule_cents = EXCLUDED.rule_cents, quota_denial = EXCLUDED.quota_denial,
         as_of = EXCLUDED.as_of, computed_at = EXCLUDED.computed_at`,
      [
        assessmentId,
        at,
        chunk.map((r) => r.departmentId),
        chunk.map((r) => r.peerGroupId),
        chunk.map((r) => r.rank),
        chunk.map((r) => r.grade),
        chunk.map((r) => String(r.score)),
        chunk.map((r) => String(r.added)),
        chunk.map((r) => String(r.deducted)),
        chunk.map((r) => String(r.bonusClaimed)),
        chunk.map((r) => r.bonusDenied),
        chunk.map((r) => JSON.stringify(r.counts)),
        chunk.map((r) => JSON.stringify(r.notes)),
        chunk.map((r) => JSON.stringify(r.ruleCents)),
        chunk.map((r) => r.quotaDenial),
        chunk.map((r) => r.asOf),
      ],
    );
  }
}
