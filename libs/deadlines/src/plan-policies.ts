import type { DataSource, EntityManager } from 'typeorm';
import { type EscalationPolicy, parsePolicyOverrides } from '@duban/escalation';
import { ENGINE_POLICY, planPolicy } from './engine-policy.js';

/**
 * A plan's policy from its stored overrides. They were validated when stored; should they no
 * longer resolve (the defaults changed under them, or someone edited the row by hand), the plan
 * falls back to the defaults with a warning rather than stalling the sweep for every plan.
 */
export function storedPlanPolicy(planId: string, stored: unknown): EscalationPolicy {
  if (stored === null || stored === undefined) return ENGINE_POLICY;
  try {
    return planPolicy(parsePolicyOverrides(stored, ENGINE_POLICY));
  } catch (e) {
    process.emitWarning(`plan ${planId}: stored escalation policy is invalid (${(e as Error).message}); using the defaults`);
    return ENGINE_POLICY;
  }
}

/**
 * The policies of the plans one sweep (or one board request) meets, loaded with one query per
 * batch for the plans not seen yet, so there is never a query per task.
 */
export class PlanPolicyCache {
  private readonly byPlan = new Map<string, EscalationPolicy>();

  async load(db: DataSource | EntityManager, planIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(planIds)].filter((id) => !this.byPlan.has(id));
    if (!missing.length) return;
    const rows: Array<{ id: string; escalation_policy: unknown }> = await db.query(
      `SELECT id, escalation_policy FROM plans WHERE id = ANY($1::uuid[])`,
      [missing],
    );
    for (const r of rows) this.byPlan.set(r.id, storedPlanPolicy(r.id, r.escalation_policy));
  }

  get(planId: string): EscalationPolicy {
    const policy = this.byPlan.get(planId);
    if (!policy) throw new Error(`PlanPolicyCache: plan ${planId} was not loaded`);
    return policy;
  }
}
