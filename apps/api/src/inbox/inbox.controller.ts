import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Actor } from '@duban/access';
import { InboxQueryService } from '@duban/inbox';
import { CurrentActor } from '../auth/current-actor.decorator.js';

export class InboxQuery {
  @ApiPropertyOptional({ description: 'also list entries of tasks that closed or left the department' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  all?: boolean;
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxQueryService) {}

  @Get()
  @ApiOperation({ summary: "The caller's department 待办" })
  list(@CurrentActor() actor: Actor, @Query() q: InboxQuery) {
    return this.inbox.list(actor, { includeInactive: q.all });
  }

  @Post(':entryId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an entry read (read receipt)' })
  read(@CurrentActor() actor: Actor, @Param('entryId') entryId: string) {
    return this.inbox.markRead(actor, entryId);
  }
}
