import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '@duban/access';
import { InboxQueryService } from '@duban/inbox';
import { CoordinatorTodoQuery } from '@duban/tasks';
import { CurrentActor } from '../auth/current-actor.decorator.js';

export class InboxQuery {
  @ApiPropertyOptional({ description: 'also list entries of tasks that closed or left the department' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  all?: boolean;
}

export class CoordinatorTodoQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 500, description: 'largest number of items returned; the counts always cover all' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxQueryService,
    private readonly coordinatorTodo: CoordinatorTodoQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's department 待办" })
  list(@CurrentActor() actor: Actor, @Query() q: InboxQuery) {
    return this.inbox.list(actor, { includeInactive: q.all });
  }

  @Get('coordinator')
  @ApiOperation({
    summary: "The coordinator's 督办待办",
    description:
      'Decisions the departments of the caller\'s jurisdiction wait for, oldest first: closings to approve or return (待审核办结), ' +
      'tasks sent back to reassign (待重新交办), extension requests to grant or deny (待审批延期), with counts per kind. Coordinators only.',
  })
  coordinator(@CurrentActor() actor: Actor, @Query() q: CoordinatorTodoQueryDto) {
    return this.coordinatorTodo.list(actor, { limit: q.limit });
  }

  @Post(':entryId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an entry read (read receipt)' })
  read(@CurrentActor() actor: Actor, @Param('entryId') entryId: string) {
    return this.inbox.markRead(actor, entryId);
  }
}
