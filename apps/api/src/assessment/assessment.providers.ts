import type { Provider } from '@nestjs/common';
import {
  AppealUseCase,
  AssessmentService,
  ScoreExportService,
  ScoreFinalizeUseCase,
  ScoreQueryService,
  ScoreRecomputeUseCase,
  SchemeVersionService,
  WORKING_DAYS,
  WhatIfService,
  createWorkingDayCounter,
} from '@duban/assessment';

/** The assessment services the API wires (the controller's and what they depend on). */
export const ASSESSMENT_PROVIDERS: Provider[] = [
  { provide: WORKING_DAYS, useFactory: () => createWorkingDayCounter() },
  SchemeVersionService,
  AssessmentService,
  ScoreRecomputeUseCase,
  ScoreQueryService,
  AppealUseCase,
  WhatIfService,
  ScoreFinalizeUseCase,
  ScoreExportService,
];
