import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@duban/access';
import { CLOCK, type Clock } from '@duban/clock';
import { PlanPolicyUseCase } from '@duban/plans';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';
import { PlanPolicyOverridesDto } from './plan-policy.dto.js';

const planId = uuidOr404('计划');

/** A plan's escalation policy (督办规则): thin adapter over PlanPolicyUseCase. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:planId/escalation-policy')
export class PlanPolicyController {
  constructor(
    private readonly policies: PlanPolicyUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The policy the engine applies to the plan’s tasks, its own overrides and which fields they are (anyone who can see the plan)' })
  view(@CurrentActor() actor: Actor, @Param('planId', planId) id: string) {
    return this.policies.view(actor, id);
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the plan’s overrides (coordinator of the plan’s jurisdiction, admin); {} restores the defaults',
    description: 'Validated whole (400 naming the field, nothing stored); the plan’s open tasks are re-planned in the same transaction, so the next sweep follows the new policy without repeating steps already recorded.',
  })
  replace(@CurrentActor() actor: Actor, @Param('planId', planId) id: string, @Body() body: PlanPolicyOverridesDto) {
    return this.policies.replace(actor, id, body, this.clock.now());
  }
}
