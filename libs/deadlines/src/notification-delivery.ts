import type { DataSource } from 'typeorm';
import { digestText } from '@duban/escalation';
import { type ChannelSender, type OutgoingMessage, PermanentDeliveryError } from '@duban/notifications';
import { DEFAULT_RECHECK_RULES, type RecheckRules, staleReason } from './delivery-recheck.js';

export interface DeliveryOptions {
  /** How long a claim holds; a worker that dies mid-send lets it expire and another retries. */
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs?: number;
  /** Statuses where pre-deadline reminders no longer go out (the office decides). */
  pausedStatuses?: readonly string[];
  closedStatuses?: readonly string[];
}

export interface DeliveryResult {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  /** External messages actually handed to a channel (a digest counts once). */
  messages: number;
}

interface Address {
  address: string;
  format: 'generic' | 'dingtalk' | 'wecom' | null;
  secret: string | null;
  display_name: string;
}

interface ClaimedRow {
  id: string;
  task_id: string;
  user_id: string;
  channel: 'in_app' | 'email' | 'webhook';
  body: string;
  deadline_version: number;
  department_id: string;
  attempts: number;
  rule: string;
  status: string | null;
  current_version: number | null;
  current_department: string | null;
}

/** Digests handled per claim round (and per queue job). */
export const DIGESTS_PER_ROUND = 50;

const EMPTY: DeliveryResult = { sent: 0, skipped: 0, failed: 0, retrying: 0, messages: 0 };

/**
 * Delivers recorded notifications. The unit of work is a digest key (one recipient, one channel,
 * one Shanghai day): the digest is leased (notification_claims), each due notification of it re-checked against the
 * task as it is NOW (completed, extended or reassigned meanwhile → skipped, with the reason), and
 * what remains goes out as one message. Retries are scheduled in Postgres (deliver_at moves on),
 * so they survive Redis losing its queues; the queue only says "look at this digest now".
 */
export class NotificationDelivery {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly rules: RecheckRules;

  constructor(
    private readonly dataSource: DataSource,
    private readonly senders: Partial<Record<'email' | 'webhook', ChannelSender>> = {},
    options: DeliveryOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.retryBaseMs = options.retryBaseMs ?? 60_000;
    this.rules = {
      paused: options.pausedStatuses ?? DEFAULT_RECHECK_RULES.paused,
      closed: options.closedStatuses ?? DEFAULT_RECHECK_RULES.closed,
    };
  }

  /**
   * External digest keys (e-mail, webhook) with something deliverable by `now + horizonMs`,
   * earliest first, and the earliest in-app delivery time (what the sweep enqueues).
   */
  async dueDigests(now: Date, horizonMs = 0, limit = 10_000): Promise<Array<{ digestKey: string; at: Date }>> {
    const rows: Array<{ digest_key: string; at: Date }> = await this.dataSource.query(
      `SELECT digest_key, min(deliver_at) AS at FROM notifications
        WHERE state IN ('pending', 'sending') AND deliver_at <= $1 AND channel <> 'in_app'
        GROUP BY digest_key ORDER BY min(deliver_at) LIMIT $2`,
      [new Date(now.getTime() + horizonMs), limit],
    );
    return rows.map((r) => ({ digestKey: r.digest_key, at: new Date(r.at) }));
  }

  /** The earliest pending in-app delivery time within the horizon, or null. */
  async dueInApp(now: Date, horizonMs = 0): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.dataSource.query(
      `SELECT min(deliver_at) AS at FROM notifications
        WHERE state IN ('pending', 'sending') AND deliver_at <= $1 AND channel = 'in_app'`,
      [new Date(now.getTime() + horizonMs)],
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  /**
   * In-app delivery is a state change in Postgres (the inbox reads these rows), so it is done
   * set-based: batches of due in-app notifications are re-checked against their tasks and marked
   * sent or skipped (with the reason) in one statement each. Same rules as staleReason().
   */
  async deliverInApp(now: Date, batchSize = 5000): Promise<DeliveryResult> {
    const total = { ...EMPTY };
    for (;;) {
      const rows: Array<{ state: string; n: string }> = await this.dataSource.query(
        `WITH due AS (
           SELECT id FROM notifications
            WHERE channel = 'in_app' AND deliver_at <= $1 AND (state = 'pending' OR (state = 'sending' AND claimed_until < $1))
            ORDER BY deliver_at LIMIT $2 FOR UPDATE SKIP LOCKED),
         judged AS (
           SELECT n.id,
                  CASE
                    WHEN t.status = ANY($3::text[]) THEN 'task is ' || t.status
                    WHEN s.rule <> 'manual' AND t.deadline_version <> n.deadline_version
                      THEN 'deadline changed (version ' || n.deadline_version || ' → ' || t.deadline_version || ')'
                    WHEN t.department_id <> n.department_id THEN 'task was reassigned to another department'
                    WHEN s.rule IN ('reminder', 'report') AND t.status = ANY($4::text[]) THEN 'task is ' || t.status || ': the office decides, no reminder'
                  END AS why
             FROM due JOIN notifications n ON n.id = due.id
             JOIN escalation_steps s ON s.id = n.step_id JOIN tasks t ON t.id = n.task_id),
         marked AS (
           UPDATE notifications n
              SET state = CASE WHEN j.why IS NULL THEN 'sent' ELSE 'skipped' END,
                  skip_reason = j.why, sent_at = CASE WHEN j.why IS NULL THEN $1::timestamptz END,
                  attempts = n.attempts + 1, claimed_until = NULL
             FROM judged j WHERE n.id = j.id
           RETURNING n.state)
         SELECT state, count(*) AS n FROM marked GROUP BY state`,
        [now, batchSize, this.rules.closed, this.rules.paused],
      );
      let done = 0;
      for (const r of rows) {
        const n = Number(r.n);
        done += n;
        if (r.state === 'sent') total.sent += n;
        else total.skipped += n;
      }
      if (done < batchSize) return total;
    }
  }

  /** Delivers everything due at `now` (the simulator and tests; the worker goes through the queue). */
  async deliverDue(now: Date): Promise<DeliveryResult> {
    const total = await this.deliverInApp(now);
    const keys = (await this.dueDigests(now)).map((d) => d.digestKey);
    for (let i = 0; i < keys.length; i += DIGESTS_PER_ROUND) {
      const r = await this.deliverDigests(keys.slice(i, i + DIGESTS_PER_ROUND), now);
      for (const k of Object.keys(total) as Array<keyof DeliveryResult>) total[k] += r[k];
    }
    return total;
  }

  async deliverDigest(digestKey: string, now: Date): Promise<DeliveryResult> {
    return this.deliverDigests([digestKey], now);
  }

  /**
   * Several digests in one round: one lease, one read, one skip and one mark statement for all of
   * them, one message per digest. A digest whose send fails is retried (or failed) alone.
   *
   * The lease is one `notification_claims` row per digest (a round holds ~100 notifications per
   * digest): a concurrent or duplicate job gets nothing for a leased digest, a worker that dies
   * mid-send leaves the lease to expire and the next job takes the digest over. The notifications
   * themselves are written once, when their outcome is known (attempts counts finished attempts).
   */
  async deliverDigests(digestKeys: readonly string[], now: Date): Promise<DeliveryResult> {
    if (!digestKeys.length) return { ...EMPTY };
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const leased: Array<{ digest_key: string }> = await this.dataSource.query(
      `INSERT INTO notification_claims AS c (digest_key, claimed_until)
       SELECT DISTINCT k, $2::timestamptz FROM unnest($1::text[]) AS k
       ON CONFLICT (digest_key) DO UPDATE SET claimed_until = EXCLUDED.claimed_until WHERE c.claimed_until < $3
       RETURNING digest_key`,
      [digestKeys, leaseUntil, now],
    );
    if (!leased.length) return { ...EMPTY };
    const keys = leased.map((l) => l.digest_key);
    try {
      return await this.deliverLeased(keys, now);
    } finally {
      // Ours only: had the lease expired and been taken over, the new holder's claimed_until is later.
      await this.dataSource.query(`DELETE FROM notification_claims WHERE digest_key = ANY($1::text[]) AND claimed_until = $2`, [keys, leaseUntil]);
    }
  }

  private async deliverLeased(digestKeys: readonly string[], now: Date): Promise<DeliveryResult> {
    // One index probe per digest key on the pending-only digest index: written as `digest_key =
    // ANY(...)`, a table without fresh statistics (right after a sweep) was scanned through the
    // deliver_at index instead, every round reading every due notification of every recipient.
    // ('sending' rows with an expired claim are what earlier versions left behind.)
    const claimed: Array<ClaimedRow & { digest_key: string }> = await this.dataSource.query(
      `SELECT n.id, n.digest_key, n.task_id, n.user_id, n.channel, n.body, n.deadline_version, n.department_id, n.attempts, s.rule,
              t.status, t.deadline_version AS current_version, t.department_id AS current_department
         FROM unnest($1::text[]) AS k(digest_key)
        CROSS JOIN LATERAL (
              SELECT * FROM notifications
               WHERE digest_key = k.digest_key AND state IN ('pending', 'sending') AND deliver_at <= $2
                 AND (state = 'pending' OR claimed_until < $2)) n
         JOIN escalation_steps s ON s.id = n.step_id LEFT JOIN tasks t ON t.id = n.task_id
        ORDER BY n.digest_key, s.step_at, t.due_date, n.body, n.id`,
      [digestKeys, now],
    );
    if (!claimed.length) return { ...EMPTY };
    const result = { ...EMPTY };
    const stale: Array<{ id: string; why: string }> = [];
    const groups = new Map<string, ClaimedRow[]>();
    for (const n of claimed) {
      const why = this.staleReason(n);
      if (why) stale.push({ id: n.id, why });
      else groups.set(n.digest_key, [...(groups.get(n.digest_key) ?? []), n]);
    }
    if (stale.length) {
      await this.dataSource.query(
        `UPDATE notifications n SET state = 'skipped', skip_reason = x.why, attempts = n.attempts + 1, claimed_until = NULL
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, why text) WHERE n.id = x.id`,
        [JSON.stringify(stale)],
      );
      result.skipped += stale.length;
    }
    const sentIds: string[] = [];
    const external = [...groups.values()].filter((g) => g[0]!.channel !== 'in_app');
    const addresses = await this.addresses(external.map((g) => g[0]!));
    for (const [digestKey, live] of groups) {
      const channel = live[0]!.channel;
      if (channel !== 'in_app') {
        const sender = this.senders[channel];
        try {
          if (!sender) throw new PermanentDeliveryError(`no ${channel} channel is configured on this worker`);
          await sender.send(this.compose(live, digestKey, addresses.get(`${live[0]!.user_id}|${channel}`)));
          result.messages++;
        } catch (err) {
          await this.failed(result, live, err, now);
          continue;
        }
      }
      sentIds.push(...live.map((n) => n.id));
    }
    if (sentIds.length) {
      await this.dataSource.query(
        `UPDATE notifications SET state = 'sent', sent_at = $2, attempts = attempts + 1, claimed_until = NULL, last_error = NULL
          WHERE id = ANY($1::uuid[])`,
        [sentIds, now],
      );
      result.sent += sentIds.length;
    }
    return result;
  }

  private staleReason(n: ClaimedRow): string | null {
    const task = n.status === null ? null : { status: n.status, deadlineVersion: n.current_version!, departmentId: n.current_department! };
    return staleReason({ rule: n.rule, deadlineVersion: n.deadline_version, departmentId: n.department_id, task }, this.rules);
  }

  private async addresses(firsts: ClaimedRow[]): Promise<Map<string, Address>> {
    if (!firsts.length) return new Map();
    const rows: Array<Address & { user_id: string; channel: string }> = await this.dataSource.query(
      `SELECT p.user_id, p.channel, p.address, p.format, p.secret, u.display_name FROM user_channel_preferences p JOIN users u ON u.id = p.user_id
        WHERE p.user_id = ANY($1::uuid[])`,
      [[...new Set(firsts.map((f) => f.user_id))]],
    );
    return new Map(rows.map((r) => [`${r.user_id}|${r.channel}`, r]));
  }

  private compose(rows: ClaimedRow[], digestKey: string, p: Address | undefined): OutgoingMessage {
    const first = rows[0]!;
    if (!p) throw new PermanentDeliveryError(`user ${first.user_id} has no ${first.channel} address`);
    const items = rows.map((r) => r.body);
    const day = digestKey.split('|').at(-1)!;
    const text = items.length === 1 ? items[0]! : digestText(p.display_name, day, items);
    const subject = items.length === 1 ? (/^【[^】]+】/.exec(items[0]!)?.[0] ?? '【督办】') + subjectTail(items[0]!) : `【督办日报】${day} 共${items.length}条`;
    return { id: `${digestKey}|${first.id}`, address: p.address, format: p.format, secret: p.secret, recipientName: p.display_name, subject, text, items };
  }

  private async failed(result: DeliveryResult, rows: ClaimedRow[], err: unknown, now: Date): Promise<DeliveryResult> {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1; // this one included
    const permanent = err instanceof PermanentDeliveryError || attempts >= this.maxAttempts;
    const ids = rows.map((r) => r.id);
    if (permanent) {
      await this.dataSource.query(
        `UPDATE notifications SET state = 'failed', last_error = $2, attempts = attempts + 1, claimed_until = NULL WHERE id = ANY($1::uuid[])`,
        [ids, message],
      );
      result.failed += rows.length;
    } else {
      const retryAt = new Date(now.getTime() + this.retryBaseMs * 2 ** (attempts - 1));
      await this.dataSource.query(
        `UPDATE notifications SET state = 'pending', last_error = $2, attempts = attempts + 1, claimed_until = NULL, deliver_at = $3
          WHERE id = ANY($1::uuid[])`,
        [ids, message, retryAt],
      );
      result.retrying += rows.length;
    }
    return result;
  }
}

function subjectTail(text: string): string {
  const m = /“([^”]+)”/.exec(text);
  return m ? m[1]!.slice(0, 40) : '';
}
