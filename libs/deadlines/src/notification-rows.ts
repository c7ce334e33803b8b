import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy, deliverAt, digestKey } from '@duban/escalation';
import type { RecipientDirectory, RecipientUser } from './recipients.js';
import type { NotificationRow, StepRow } from './step-recorder.js';

/**
 * The notification rows of one recorded step: one per user and channel, held past quiet hours
 * unless critical. Their identity is (step, user, channel), unique in the table.
 */
export function notificationRows(
  step: StepRow,
  users: readonly RecipientUser[],
  directory: RecipientDirectory,
  body: string,
  now: Date,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): NotificationRow[] {
  const at = deliverAt(now, { critical: step.critical }, policy);
  const out: NotificationRow[] = [];
  for (const u of users) {
    for (const channel of directory.channelsFor(u.userId, step.critical)) {
      out.push({
        step_id: step.id,
        task_id: step.task_id,
        user_id: u.userId,
        audience: u.audience,
        channel,
        body,
        critical: step.critical,
        deadline_version: step.deadline_version,
        department_id: step.department_id,
        deliver_at: at.toISOString(),
        digest_key: digestKey(`${u.userId}|${channel}`, at),
        created_at: now.toISOString(),
      });
    }
  }
  return out;
}
