import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { shanghaiDate } from '@duban/domain';
import { compareRankings, computeYear, yearClose, type ScoringScheme, type TaskFact, type WhatIfRow } from '@duban/scoring';
import { loadMembers, rankOptionsOf } from './assessment-members.js';
import { AssessmentService, assertCommitteeReader } from './assessment.service.js';
import { SchemeVersionService } from './scheme-version.service.js';
import { loadTaskFacts } from './task-fact.loader.js';
import { SCORING_CALENDAR, createScoringCalendar, type ScoringCalendar } from './working-days.provider.js';

export interface WhatIfResult {
  year: number;
  asOf: string;
  current: { schemeId: string; version: number };
  alternative: { schemeId: string; version: number };
  rows: Array<WhatIfRow & { name: string }>;
}

/**
 * 模拟测算: the same year's facts under another scheme version, side by side with the published
 * one. Reads only; nothing is written.
 */
@Injectable()
export class WhatIfService {
  private readonly calendar: ScoringCalendar;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly assessments: AssessmentService,
    private readonly schemes: SchemeVersionService,
    @Optional() @Inject(SCORING_CALENDAR) calendar?: ScoringCalendar,
  ) {
    this.calendar = calendar ?? createScoringCalendar();
  }

  async compare(actor: Actor, year: number, alternative: { schemeId: string; version: number }, jurisdictionId?: string): Promise<WhatIfResult> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertCommitteeReader(actor, ref);
    const { assessment } = ref;
    const current = await this.schemes.get(assessment.schemeId, assessment.schemeVersion);
    const other = await this.schemes.get(alternative.schemeId, alternative.version);
    const asOf = assessment.finalAsOf ?? minDate(shanghaiDate(this.clock.now()), yearClose(year, this.calendar.effectiveDueDate));
    const members = await loadMembers(this.dataSource.manager, assessment.jurisdictionId, current);
    const ids = members.map((m) => m.id);
    const facts: TaskFact[] = await loadTaskFacts(this.dataSource.manager, ids, year);
    const voided: Array<{ line_key: string }> = await this.dataSource.query(
      `SELECT line_key FROM appeals WHERE assessment_id = $1 AND status = 'line_voided'`,
      [assessment.id],
    );
    const run = (scheme: ScoringScheme) =>
      computeYear({ scheme, year, facts, workingDays: this.calendar.workingDays, effectiveDueDate: this.calendar.effectiveDueDate, asOf, departmentIds: ids, voidedLineKeys: voided.map((v) => v.line_key), ...rankOptionsOf(members) });
    const names = new Map(members.map((m) => [m.id, m.name]));
    const rows = compareRankings(run(current).ranking, run(other).ranking).map((row) => ({ ...row, name: names.get(row.departmentId) ?? row.departmentId }));
    return {
      year,
      asOf,
      current: { schemeId: current.id, version: current.version },
      alternative: { schemeId: other.id, version: other.version },
      rows,
    };
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
