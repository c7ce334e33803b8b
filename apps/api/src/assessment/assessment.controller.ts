import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@duban/access';
import { AppealUseCase, ScoreExportService, ScoreFinalizeUseCase, ScoreQueryService, WhatIfService } from '@duban/assessment';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';
import { AssessmentQuery, DecideAppealDto, ExportQuery, FileAppealDto, WhatIfDto } from './assessment.dto.js';

const year = new ParseIntPipe({ errorHttpStatusCode: 400 });
const departmentId = uuidOr404('单位');
const appealId = uuidOr404('申诉');

/**
 * Thin adapter for assessment committees (and department leads for their own ledger and appeals):
 * every route passes the caller to a service that decides what it may see (403 / 404).
 */
@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentController {
  constructor(
    private readonly queries: ScoreQueryService,
    private readonly appeals: AppealUseCase,
    private readonly whatIf: WhatIfService,
    private readonly finalizer: ScoreFinalizeUseCase,
    private readonly exports: ScoreExportService,
  ) {}

  @Get(':year/scores')
  @ApiOperation({ summary: 'The year’s scores by peer group: rank, grade, score and per-rule breakdown' })
  scores(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Query() q: AssessmentQuery) {
    return this.queries.table(actor, y, q.jurisdictionId);
  }

  @Get(':year/distribution')
  @ApiOperation({ summary: 'Grade distribution per peer group' })
  async distribution(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Query() q: AssessmentQuery) {
    const table = await this.queries.table(actor, y, q.jurisdictionId);
    return {
      year: table.year,
      status: table.status,
      groups: table.groups.map((g) => ({ peerGroupId: g.peerGroupId, name: g.name, size: g.departments.length, distribution: g.distribution })),
    };
  }

  @Get(':year/departments/:departmentId/ledger')
  @ApiOperation({ summary: 'One department’s ledger: every point with its task and event (a department sees only its own)' })
  ledger(
    @CurrentActor() actor: Actor,
    @Param('year', year) y: number,
    @Param('departmentId', departmentId) id: string,
    @Query() q: AssessmentQuery,
  ) {
    return this.queries.ledger(actor, y, id, q.jurisdictionId);
  }

  @Get(':year/appeals')
  @ApiOperation({ summary: 'Appeals (申诉) of the year: all for the committee, own for a department' })
  listAppeals(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Query() q: AssessmentQuery) {
    return this.appeals.list(actor, y, q.jurisdictionId);
  }

  @Post(':year/appeals')
  @ApiOperation({ summary: 'A department disputes one of its ledger lines' })
  fileAppeal(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Body() body: FileAppealDto) {
    return this.appeals.file(actor, y, { lineKey: body.lineKey, reason: body.reason }, body.jurisdictionId);
  }

  @Post('appeals/:appealId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'The committee voids the disputed line (the score follows) or keeps it' })
  decide(@CurrentActor() actor: Actor, @Param('appealId', appealId) id: string, @Body() body: DecideAppealDto) {
    return this.appeals.decide(actor, id, body);
  }

  @Post(':year/what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate another scheme version over the same year; nothing is written' })
  simulate(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Body() body: WhatIfDto) {
    return this.whatIf.compare(actor, y, { schemeId: body.schemeId, version: body.version }, body.jurisdictionId);
  }

  @Post(':year/finalize')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the year into an immutable snapshot with ranks and grades' })
  finalize(@CurrentActor() actor: Actor, @Param('year', year) y: number, @Body() body: AssessmentQuery) {
    return this.finalizer.finalize(actor, y, body.jurisdictionId);
  }

  @Get(':year/export')
  @ApiOperation({ summary: 'Download the year’s table with its breakdown (xlsx, or csv in UTF-8 with BOM)' })
  async export(
    @CurrentActor() actor: Actor,
    @Param('year', year) y: number,
    @Query() q: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.exports.export(actor, y, q.format, q.jurisdictionId);
    res.set({ 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"` });
    return new StreamableFile(file.body);
  }
}
