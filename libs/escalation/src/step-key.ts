/** The rules that produce steps; 'manual' is a coordinator's own 催办, recorded like any other step. */
export type StepRule = 'reminder' | 'ladder' | 'manual';

export interface StepKeyParts {
  taskId: string;
  rule: StepRule;
  step: string;
  deadlineVersion: number;
}

/**
 * The deterministic identity of an effect: (task, rule, step, deadline version). The engine
 * stores it under a unique constraint, so recording a step twice is a no-op; a granted
 * extension bumps the version, so the same step for the new deadline is a new key.
 */
export function stepKey({ taskId, rule, step, deadlineVersion }: StepKeyParts): string {
  if (typeof taskId !== 'string' || taskId.length === 0 || taskId.includes('|')) {
    throw new RangeError(`stepKey: taskId must be a non-empty string without '|', got ${JSON.stringify(taskId)}`);
  }
  if (!Number.isInteger(deadlineVersion) || deadlineVersion < 1) {
    throw new RangeError(`stepKey: deadlineVersion must be an integer ≥ 1, got ${deadlineVersion}`);
  }
  if (step.length === 0 || step.includes('|')) throw new RangeError(`stepKey: invalid step ${JSON.stringify(step)}`);
  return `${taskId}|${rule}|${step}|v${deadlineVersion}`;
}

export function parseStepKey(key: string): StepKeyParts {
  const m = /^(.+)\|(reminder|ladder|manual)\|([^|]+)\|v(\d+)$/.exec(key);
  if (!m) throw new RangeError(`not a step key: ${JSON.stringify(key)}`);
  return { taskId: m[1]!, rule: m[2] as StepRule, step: m[3]!, deadlineVersion: Number(m[4]) };
}

/** A coordinator's manual 催办: one key per request, so repeats of the same request are no-ops. */
export function manualUrgeKey(taskId: string, deadlineVersion: number, requestId: string): string {
  return stepKey({ taskId, rule: 'manual', step: `urge-${requestId}`, deadlineVersion });
}
