import { type EscalationPolicy, type EscalationPolicyOverrides, resolvePolicy } from '@duban/escalation';

/**
 * The defaults, plus: a task handed back as not theirs (declined) waits for the coordinator to
 * reassign it, so like a task submitted for closing it is reminded of nothing.
 * This is the policy of every plan that sets none of its own.
 */
export const ENGINE_POLICY = resolvePolicy({ pausedStatuses: ['submitted', 'declined'] });

/** A plan's policy: its overrides (validated when stored) over the engine's defaults. */
export function planPolicy(overrides: EscalationPolicyOverrides | null | undefined): EscalationPolicy {
  return overrides ? resolvePolicy(overrides, ENGINE_POLICY) : ENGINE_POLICY;
}
