import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { BoardQuery, ManualUrgeUseCase } from '@duban/deadlines';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';
import { BoardQueryDto, UrgeDto } from './board.dto.js';

const taskId = uuidOr404('任务');

/** The coordinating office's board (督办看板). Thin adapter over BoardQuery and ManualUrgeUseCase. */
@ApiTags('board')
@ApiBearerAuth()
@Controller('board')
export class BoardController {
  constructor(
    private readonly board: BoardQuery,
    private readonly urges: ManualUrgeUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Traffic lights by department, overdue tasks, departments that have not reported this period, failed deliveries' })
  view(@CurrentActor() actor: Actor, @Query() q: BoardQueryDto) {
    return this.board.board(actor, this.clock.now(), q.cadence ?? 'monthly');
  }

  @Get('tasks/:taskId/history')
  @ApiOperation({ summary: "A task's escalation history: every reminder, ladder step and 催办 with its deliveries" })
  history(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string) {
    return this.board.history(actor, id);
  }

  @Post('tasks/:taskId/urge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Manual 催办: recorded as a step and sent to the department' })
  urge(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string, @Body() body: UrgeDto) {
    return this.urges.urge(actor, id, body, this.clock.now());
  }
}
