import type { Provider } from '@nestjs/common';
import {
  AppealUseCase,
  AssessmentService,
  ScoreExportService,
  ScoreFinalizeUseCase,
  ScoreQueryService,
  ScoreRecomputeUseCase,
  SchemeVersionService,
  SCORING_CALENDAR,
  WhatIfService,
  createScoringCalendar,
} from '@duban/assessment';

/** The assessment services the API wires (the controller's and what they depend on). */
export const ASSESSMENT_PROVIDERS: Provider[] = [
  { provide: SCORING_CALENDAR, useFactory: () => createScoringCalendar() },
  SchemeVersionService,
  AssessmentService,
  ScoreRecomputeUseCase,
  ScoreQueryService,
  AppealUseCase,
  WhatIfService,
  ScoreFinalizeUseCase,
  ScoreExportService,
];
