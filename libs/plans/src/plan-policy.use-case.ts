import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DubanError, type Actor } from '@duban/access';
import { ENGINE_POLICY, storedPlanPolicy } from '@duban/deadlines';
import { DEADLINE_IDLE_STATUSES } from '@duban/domain';
import {
  type EscalationPolicy,
  type EscalationPolicyOverrides,
  EscalationPolicyError,
  overriddenFields,
  parsePolicyOverrides,
} from '@duban/escalation';
import { PlanEntity } from '@duban/persistence';
import { PlanService } from './plan.service.js';

export interface PlanPolicyView {
  planId: string;
  /** The policy the engine applies to the plan's tasks: the defaults with the plan's overrides. */
  policy: EscalationPolicy;
  /** What the plan sets itself ({} = the defaults from practice). */
  overrides: EscalationPolicyOverrides;
  /** The overridden fields by path ('reminders.workingDaysBefore', 'ladder.rules', …). */
  overridden: string[];
  updatedAt: string | null;
}

export interface PlanPolicyChange extends PlanPolicyView {
  /** Open tasks of the plan handed back to the next sweep, which plans them under the new policy. */
  replannedTasks: number;
}

/** Who may set a plan's policy: the coordinating office of its jurisdiction, or an admin. */
const MAY_SET = ['coordinator', 'admin'];

/**
 * A plan's escalation policy (reminder days, ladder, traffic-light thresholds, quiet hours).
 * Anyone who can see the plan can read it; the plan's coordinators and admins set it. A change is
 * validated whole before anything is stored, and in the same transaction the plan's open tasks are
 * handed back to the sweep (next_action_at = now), so the next sweep follows the new days. Steps
 * already recorded stay recorded and are not repeated (see nextAction).
 */
@Injectable()
export class PlanPolicyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlanService,
  ) {}

  async view(actor: Actor, planId: string): Promise<PlanPolicyView> {
    return toView(await this.plans.getVisiblePlan(actor, planId, this.dataSource.manager));
  }

  async replace(actor: Actor, planId: string, raw: unknown, now: Date): Promise<PlanPolicyChange> {
    return this.dataSource.transaction(async (m) => {
      // Scope first (another jurisdiction's plan does not exist for the caller), then the role.
      await this.plans.getVisiblePlan(actor, planId, m);
      if (!MAY_SET.includes(actor.role)) throw new DubanError('forbidden', '只有督查室或管理员可以设置计划的督办规则');
      return this.store(m, planId, raw, now);
    });
  }

  /** For operators (the CLI): the plan's policy without an actor. */
  async viewAsOperator(planId: string): Promise<PlanPolicyView> {
    return toView(await this.planById(this.dataSource.manager, planId, false));
  }

  async replaceAsOperator(planId: string, raw: unknown, now: Date): Promise<PlanPolicyChange> {
    return this.dataSource.transaction((m) => this.store(m, planId, raw, now));
  }

  private async store(m: EntityManager, planId: string, raw: unknown, now: Date): Promise<PlanPolicyChange> {
    await this.planById(m, planId, true);
    const overrides = parseOrInvalid(raw);
    const stored = Object.keys(overrides).length ? overrides : null;
    await m.query(`UPDATE plans SET escalation_policy = $2::jsonb, escalation_policy_updated_at = $3 WHERE id = $1`, [
      planId,
      stored === null ? null : JSON.stringify(stored),
      now,
    ]);
    const [replanned]: Array<{ n: number }> = await m.query(
      `WITH replanned AS (
         UPDATE tasks SET next_action_at = $2 WHERE plan_id = $1 AND NOT (status = ANY($3::text[])) RETURNING 1)
       SELECT count(*)::int AS n FROM replanned`,
      [planId, now, DEADLINE_IDLE_STATUSES],
    );
    return { ...toView(await this.planById(m, planId, false)), replannedTasks: replanned!.n };
  }

  private async planById(m: EntityManager, planId: string, lock: boolean): Promise<PlanEntity> {
    const qb = m.getRepository(PlanEntity).createQueryBuilder('p').where('p.id = :planId', { planId });
    if (lock) qb.setLock('pessimistic_write');
    const plan = await qb.getOne();
    if (!plan) throw DubanError.notFound('计划', planId);
    return plan;
  }
}

function parseOrInvalid(raw: unknown): EscalationPolicyOverrides {
  try {
    return parsePolicyOverrides(raw, ENGINE_POLICY);
  } catch (e) {
    if (!(e instanceof EscalationPolicyError)) throw e;
    const field = e.field || 'body';
    throw new DubanError('invalid', `督办规则 ${field} 有误：${e.reasonZh}`, { field, reason: 'invalid_policy' });
  }
}

function toView(plan: PlanEntity): PlanPolicyView {
  const stored = plan.escalationPolicy;
  const overrides = stored ?? {};
  return {
    planId: plan.id,
    policy: storedPlanPolicy(plan.id, stored),
    overrides,
    overridden: overriddenFields(overrides),
    updatedAt: plan.escalationPolicyUpdatedAt ? plan.escalationPolicyUpdatedAt.toISOString() : null,
  };
}
