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

/**
 * Delivers the in-app rows that are due now as they are recorded: the inbox is the row itself, so
 * delivering one is marking it sent, and doing it in the recording statement saves a second write
 * of every message. Only for a recorder that holds the task row locked and has just re-checked it
 * (`staleReason` of the task as read, null = deliverable): delivery would re-check exactly the
 * same row. Rows held by quiet hours (deliver_at later) and every external channel stay pending
 * and are re-checked by the delivery at their time.
 */
export function deliverInAppAtRecording(rows: NotificationRow[], now: Date, staleReason: string | null): NotificationRow[] {
  if (staleReason !== null) return rows;
  return rows.map((r) => (r.channel === 'in_app' && Date.parse(r.deliver_at) <= now.getTime() ? { ...r, state: 'sent', sent_at: now.toISOString() } : r));
}
