import type { DataSource } from 'typeorm';
import { addDays, shanghaiInstant } from '@duban/calendar';
import type { ChannelSender, OutgoingMessage } from '@duban/notifications';
import { DeadlineSweep } from './deadline-sweep.js';
import { NotificationDelivery } from './notification-delivery.js';
import { ReportRequestSweep } from './report-request-sweep.js';

export interface SimulationOptions {
  from: string;
  to: string;
  /** Tick length in ms (1d = 86 400 000). */
  stepMs: number;
  /** Shanghai wall-clock time of the first tick (default 09:30: after the policy's 09:00 send time). */
  startHour?: number;
  startMinute?: number;
  /** Called with each tick's instant before the sweep (a FixedClock follows it). */
  onTick?: (now: Date) => void | Promise<void>;
}

export interface MonthSummary {
  month: string;
  reminders: number;
  /** Progress-report requests (only to tasks with no report filed in the period). */
  reportRequests: number;
  escalations: { urge: number; supervise: number; escalate: number };
  superseded: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Messages that left as one per recipient × channel × day (an in-app day counts once too). */
  digests: number;
  /** External messages handed to the (stub) channels. */
  externalMessages: number;
}

/** Counts what would have gone out, without sending anything anywhere. */
export class CountingChannel implements ChannelSender {
  readonly messages: OutgoingMessage[] = [];
  constructor(readonly channel: 'email' | 'webhook') {}
  async send(message: OutgoingMessage): Promise<void> {
    this.messages.push(message);
  }
}

/**
 * Runs the same sweep and delivery code the worker runs, tick by tick under a simulated clock,
 * over whatever plans and tasks the database holds: a plan year in seconds. External channels
 * are replaced by counting stubs.
 */
export class DeadlineSimulation {
  readonly email = new CountingChannel('email');
  readonly webhook = new CountingChannel('webhook');

  constructor(private readonly dataSource: DataSource) {}

  async run(options: SimulationOptions): Promise<{ ticks: number; months: MonthSummary[] }> {
    if (!(options.stepMs > 0)) throw new RangeError(`step must be positive, got ${options.stepMs} ms`);
    if (options.to < options.from) throw new RangeError(`--to ${options.to} is before --from ${options.from}`);
    const sweep = new DeadlineSweep(this.dataSource);
    const reports = new ReportRequestSweep(this.dataSource);
    const delivery = new NotificationDelivery(this.dataSource, { email: this.email, webhook: this.webhook });
    const start = shanghaiInstant(options.from, options.startHour ?? 9, options.startMinute ?? 30);
    const end = shanghaiInstant(addDays(options.to, 1), 0, 0);
    let ticks = 0;
    for (let t = start.getTime(); t < end.getTime(); t += options.stepMs) {
      const now = new Date(t);
      await options.onTick?.(now);
      await sweep.runOnce(now);
      await reports.runOnce(now);
      await delivery.deliverDue(now);
      ticks++;
    }
    return { ticks, months: await this.summary(start, end) };
  }

  /** Per Shanghai month, what the steps and notifications recorded in [from, to) came to. */
  async summary(from: Date, to: Date): Promise<MonthSummary[]> {
    const steps: Array<{ month: string; rule: string; action: string | null; state: string; n: string }> = await this.dataSource.query(
      `SELECT to_char(recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, rule, action, state, count(*) AS n
         FROM escalation_steps WHERE recorded_at >= $1 AND recorded_at < $2 GROUP BY 1, 2, 3, 4`,
      [from, to],
    );
    const notes: Array<{ month: string; state: string; n: string; digests: string; external: string }> = await this.dataSource.query(
      `SELECT to_char(coalesce(sent_at, created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, state, count(*) AS n,
              count(DISTINCT digest_key) FILTER (WHERE state = 'sent') AS digests,
              count(DISTINCT digest_key) FILTER (WHERE state = 'sent' AND channel <> 'in_app') AS external
         FROM notifications WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2`,
      [from, to],
    );
    const months = new Map<string, MonthSummary>();
    const get = (month: string) => {
      let m = months.get(month);
      if (!m) {
        m = { month, reminders: 0, reportRequests: 0, escalations: { urge: 0, supervise: 0, escalate: 0 }, superseded: 0, sent: 0, skipped: 0, failed: 0, digests: 0, externalMessages: 0 };
        months.set(month, m);
      }
      return m;
    };
    for (const s of steps) {
      const m = get(s.month);
      const n = Number(s.n);
      if (s.state === 'superseded') m.superseded += n;
      else if (s.state !== 'recorded') continue;
      else if (s.rule === 'reminder') m.reminders += n;
      else if (s.rule === 'report') m.reportRequests += n;
      else if (s.action === 'urge' || s.action === 'supervise' || s.action === 'escalate') m.escalations[s.action] += n;
    }
    for (const r of notes) {
      const m = get(r.month);
      const n = Number(r.n);
      if (r.state === 'sent') m.sent += n;
      else if (r.state === 'skipped') m.skipped += n;
      else if (r.state === 'failed') m.failed += n;
      m.digests += Number(r.digests);
      m.externalMessages += Number(r.external);
    }
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }
}

/** Parses '1d', '12h', '30m' into milliseconds; errors name the option. */
export function parseStep(text: string): number {
  const m = /^(\d+)([dhm])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new RangeError(`--step must look like 1d, 12h or 30m, got ${JSON.stringify(text)}`);
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}
