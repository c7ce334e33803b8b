import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  AppealUseCase,
  AssessmentService,
  ScoreDirtyMarker,
  ScoreExportService,
  ScoreFinalizeUseCase,
  ScoreQueryService,
  ScoreRecomputeUseCase,
  SchemeVersionService,
  WhatIfService,
  createScoringCalendar,
  lineTrace,
} from '@duban/assessment';
import type { FixedClock } from '@duban/clock';

/** The assessment services wired by hand over one DataSource and clock, as the Nest modules wire them. */
export function assessmentServices(ds: DataSource, clock: FixedClock) {
  const calendar = createScoringCalendar();
  const schemes = new SchemeVersionService(ds);
  const assessments = new AssessmentService(ds, schemes);
  const recompute = new ScoreRecomputeUseCase(ds, clock, schemes, calendar);
  const queries = new ScoreQueryService(ds, assessments, schemes, calendar);
  return {
    schemes,
    assessments,
    recompute,
    marker: new ScoreDirtyMarker(ds, clock),
    queries,
    appeals: new AppealUseCase(ds, clock, assessments, recompute, queries),
    whatIf: new WhatIfService(ds, clock, assessments, schemes, calendar),
    finalize: new ScoreFinalizeUseCase(ds, clock, assessments, recompute, schemes, calendar),
    exports: new ScoreExportService(assessments, queries),
    calendar,
  };
}

/**
 * Every department's ledger of the year, read through the service (produced from the facts), as
 * rows shaped like `ledger_lines`: what the specs used to read from that table when it was kept
 * current on every recompute.
 */
export async function ledgerRows(ds: DataSource, svc: ReturnType<typeof assessmentServices>, year = 2024) {
  const [assessment] = await ds.query(`SELECT id FROM assessments WHERE year = $1 ORDER BY created_at LIMIT 1`, [year]);
  const ids: string[] = (await ds.query(`SELECT department_id FROM department_scores WHERE assessment_id = $1 ORDER BY department_id`, [assessment.id])).map(
    (r: { department_id: string }) => r.department_id,
  );
  const ledgers = await svc.queries.ledgersOf(await svc.assessments.byId(assessment.id), ids);
  return ids.flatMap((departmentId) =>
    ledgers.get(departmentId)!.lines.map((line, position) => {
      const trace = lineTrace(line);
      return {
        department_id: departmentId,
        line_key: line.key,
        position,
        rule: line.rule,
        points: line.points.toFixed(2),
        reason: line.reason,
        role: line.role ?? null,
        task_id: trace.taskId,
        task_event_id: trace.taskEventId,
        escalation_step_id: trace.escalationStepId,
        event_ref: trace.eventRef,
        adjusts: line.adjusts ?? null,
      };
    }),
  );
}

export function seedScheme(name: string): unknown {
  return JSON.parse(readFileSync(join(process.cwd(), 'seeds/scoring', `${name}.json`), 'utf8'));
}
