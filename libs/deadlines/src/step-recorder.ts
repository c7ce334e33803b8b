import type { EntityManager } from 'typeorm';

export interface StepRow {
  id: string;
  task_id: string;
  rule: 'reminder' | 'ladder' | 'manual' | 'report';
  step: string;
  deadline_version: number;
  state: 'recorded' | 'superseded' | 'skipped';
  skip_reason: string | null;
  department_id: string;
  due_date: string;
  step_at: string;
  recorded_at: string;
  colour: string | null;
  action: string | null;
  critical: boolean;
  flag_interview: boolean;
  provisional: boolean;
  actor_id: string | null;
  note: string | null;
}

/** A notification of one of the steps recorded with it; its task is the step's task. */
export interface NotificationRow {
  step_id: string;
  user_id: string;
  audience: string;
  channel: 'in_app' | 'email' | 'webhook';
  body: string;
  critical: boolean;
  deadline_version: number;
  department_id: string;
  deliver_at: string;
  digest_key: string;
  created_at: string;
  /** 'pending' unless the recorder delivered it on the spot (in-app, see deliverInAppAtRecording). */
  state?: 'pending' | 'sent';
  sent_at?: string | null;
}

/**
 * Writes steps and their notifications in the caller's transaction, in ONE statement whatever the
 * batch size. Each step is inserted under its unique key (task, rule, step, deadline version) with
 * ON CONFLICT DO NOTHING, and only the notifications of steps this statement actually inserted are
 * written (each unique by step, user and channel): recording the same step twice is a no-op, with
 * no second message. A notification's task is taken from its step row, never from the caller
 * (notifications have no foreign key to tasks of their own: the step's stands for it). Parent and child rows in one statement are fine for the foreign keys, which
 * are checked at its end.
 */
export async function recordSteps(
  m: EntityManager,
  steps: StepRow[],
  notifications: NotificationRow[],
): Promise<{ stepIds: Set<string>; notificationIds: string[] }> {
  if (!steps.length) return { stepIds: new Set(), notificationIds: [] };
  const rows: Array<{ kind: 's' | 'n'; id: string }> = await m.query(
    `WITH s AS (
       INSERT INTO escalation_steps (id, task_id, rule, step, deadline_version, state, skip_reason, department_id, due_date,
                                     step_at, recorded_at, colour, action, critical, flag_interview, provisional, actor_id, note)
       SELECT x.id, x.task_id, x.rule, x.step, x.deadline_version, x.state, x.skip_reason, x.department_id, x.due_date,
              x.step_at, x.recorded_at, x.colour, x.action, x.critical, x.flag_interview, x.provisional, x.actor_id, x.note
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, task_id uuid, rule text, step text, deadline_version int, state text,
              skip_reason text, department_id uuid, due_date date, step_at timestamptz, recorded_at timestamptz, colour text,
              action text, critical boolean, flag_interview boolean, provisional boolean, actor_id uuid, note text)
       ON CONFLICT (task_id, rule, step, deadline_version) DO NOTHING
       RETURNING id, task_id),
     n AS (
       INSERT INTO notifications (step_id, task_id, user_id, audience, channel, body, critical, deadline_version,
                                  department_id, deliver_at, digest_key, state, attempts, created_at, sent_at)
       SELECT x.step_id, s.task_id, x.user_id, x.audience, x.channel, x.body, x.critical, x.deadline_version,
              x.department_id, x.deliver_at, x.digest_key, coalesce(x.state, 'pending'),
              CASE WHEN x.state = 'sent' THEN 1 ELSE 0 END, x.created_at, x.sent_at
         FROM jsonb_to_recordset($2::jsonb) AS x(step_id uuid, user_id uuid, audience text, channel text,
              body text, critical boolean, deadline_version int, department_id uuid, deliver_at timestamptz, digest_key text,
              created_at timestamptz, state text, sent_at timestamptz)
         JOIN s ON s.id = x.step_id
       ON CONFLICT (step_id, user_id, channel) DO NOTHING
       RETURNING id)
     SELECT 's' AS kind, id FROM s UNION ALL SELECT 'n' AS kind, id FROM n`,
    [JSON.stringify(steps), JSON.stringify(notifications)],
  );
  const stepIds = new Set<string>();
  const notificationIds: string[] = [];
  for (const r of rows) {
    if (r.kind === 's') stepIds.add(r.id);
    else notificationIds.push(r.id);
  }
  return { stepIds, notificationIds };
}
