import { type CivilDate } from '@duban/calendar';
import { type Audience, type LadderAction } from './escalation-policy.js';

export type ReminderStepName = 'due' | `T-${number}`;
export type LadderStepName = `+${number}`;

export type Recipient =
  | { kind: 'lead'; departmentId: string }
  | { kind: 'support'; departmentId: string }
  | { kind: 'coordinating-office' }
  | { kind: 'leadership' };

interface StepBase {
  /** Deterministic key, see stepKey(). */
  key: string;
  taskId: string;
  deadlineVersion: number;
  /** The working day the step belongs to (Shanghai civil date). */
  date: CivilDate;
  /** When the step becomes due. */
  at: Date;
  recipients: Recipient[];
  critical: boolean;
  /** True when the date rests on a Monday–Friday estimate for a year without published holidays. */
  provisional: boolean;
}

export interface ReminderStep extends StepBase {
  rule: 'reminder';
  step: ReminderStepName;
  /** Working days left until the due date (0 on the due day). */
  workingDaysBefore: number;
}

export interface LadderStep extends StepBase {
  rule: 'ladder';
  step: LadderStepName;
  /** Working days the task is overdue when the step fires. */
  workingDaysAfter: number;
  colour: 'yellow' | 'red';
  action: LadderAction;
  flagInterview: boolean;
}

export type PlannedStep = ReminderStep | LadderStep;

export function recipientsFor(
  audience: readonly Audience[],
  lead: string,
  support: readonly string[] = [],
): Recipient[] {
  const out: Recipient[] = [];
  for (const a of audience) {
    if (a === 'lead') out.push({ kind: 'lead', departmentId: lead });
    else if (a === 'support') for (const id of support) out.push({ kind: 'support', departmentId: id });
    else out.push({ kind: a });
  }
  return out;
}
