import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { NotificationInbox } from '@duban/deadlines';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';

export class NotificationListQuery {
  @ApiPropertyOptional({ description: 'only unread messages' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The caller's in-app 督办 messages (reminders, 催办, 督办) with read receipts. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app reminders and escalation messages, newest first, with the unread count" })
  list(@CurrentActor() actor: Actor, @Query() q: NotificationListQuery) {
    return this.inbox.list(actor, { unreadOnly: q.unread, limit: q.limit });
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read receipt for one message (own messages only)' })
  read(@CurrentActor() actor: Actor, @Param('notificationId', uuidOr404('消息')) id: string) {
    return this.inbox.markRead(actor, id, this.clock.now());
  }
}
