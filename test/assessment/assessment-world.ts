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
  createWorkingDayCounter,
} from '@duban/assessment';
import type { FixedClock } from '@duban/clock';

/** The assessment services wired by hand over one DataSource and clock, as the Nest modules wire them. */
export function assessmentServices(ds: DataSource, clock: FixedClock) {
  const workingDays = createWorkingDayCounter();
  const schemes = new SchemeVersionService(ds);
  const assessments = new AssessmentService(ds, schemes);
  const recompute = new ScoreRecomputeUseCase(ds, clock, schemes, workingDays);
  const queries = new ScoreQueryService(ds, assessments, schemes);
  return {
    schemes,
    assessments,
    recompute,
    marker: new ScoreDirtyMarker(ds, clock),
    queries,
    appeals: new AppealUseCase(ds, clock, assessments, recompute),
    whatIf: new WhatIfService(ds, clock, assessments, schemes, workingDays),
    finalize: new ScoreFinalizeUseCase(ds, clock, assessments, recompute, schemes),
    exports: new ScoreExportService(assessments, queries),
  };
}

export function seedScheme(name: string): unknown {
  return JSON.parse(readFileSync(join(process.cwd(), 'seeds/scoring', `${name}.json`), 'utf8'));
}
