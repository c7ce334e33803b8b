import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@duban/access';
import { PlanService } from '@duban/plans';
import { TaskAssignmentUseCase } from '@duban/tasks';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { AddPlanItemsDto, AssignDto, CreatePlanDto } from './plans.dto.js';

import { uuidOr404 } from '../http/uuid-or-404.pipe.js';

const uuid = uuidOr404('计划或条目');

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlanService,
    private readonly assignment: TaskAssignmentUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Plans in the caller’s jurisdiction (a department: plans it has tasks in)' })
  list(@CurrentActor() actor: Actor) {
    return this.plans.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Create a plan by hand (coordinator)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePlanDto) {
    return this.plans.create(actor, body);
  }

  @Get(':planId')
  @ApiOperation({ summary: 'A plan with its item tree' })
  get(@CurrentActor() actor: Actor, @Param('planId', uuid) planId: string) {
    return this.plans.get(actor, planId);
  }

  @Post(':planId/items')
  @ApiOperation({ summary: 'Add items (headings and actions) to a plan (coordinator)' })
  addItems(@CurrentActor() actor: Actor, @Param('planId', uuid) planId: string, @Body() body: AddPlanItemsDto) {
    return this.plans.addItems(actor, planId, body.items);
  }

  @Post(':planId/items/:itemId/assignments')
  @ApiOperation({ summary: '交办: assign an item to a lead department and support departments (coordinator)' })
  assign(
    @CurrentActor() actor: Actor,
    @Param('planId', uuid) planId: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: AssignDto,
  ) {
    return this.assignment.assign(actor, { planId, planItemId: itemId, ...body });
  }
}
