import type { EntityManager } from 'typeorm';
import type { Recipient } from '@duban/escalation';

export interface RecipientUser {
  userId: string;
  /** How the user is reached: 'department' (lead/support), 'coordinating-office', 'leadership'. */
  audience: 'department' | 'coordinating-office' | 'leadership';
}

export interface ChannelTarget {
  channel: 'email' | 'webhook';
  enabled: boolean;
}

/**
 * Resolves the audiences of a batch of tasks to users in three queries:
 * - a department → its active department leads and staff;
 * - the coordinating office → the active coordinators whose jurisdiction is the plan's;
 * - leadership → the active department leads of the plan's jurisdiction department itself (the
 *   government); where none is registered, the coordinators, who carry it to the leaders.
 */
export class RecipientDirectory {
  private constructor(
    private readonly departmentUsers: Map<string, string[]>,
    private readonly coordinators: Map<string, string[]>,
    private readonly leaders: Map<string, string[]>,
    readonly channels: Map<string, ChannelTarget[]>,
  ) {}

  static async load(m: EntityManager, departmentIds: string[], jurisdictionIds: string[]): Promise<RecipientDirectory> {
    const rows: Array<{ id: string; role: string; department_id: string; jurisdiction_id: string | null }> = await m.query(
      `SELECT id, role, department_id, jurisdiction_id FROM users
        WHERE active AND (
              (role IN ('department_lead', 'department_staff') AND department_id = ANY($1::uuid[]))
           OR (role = 'coordinator' AND jurisdiction_id = ANY($2::uuid[]))
           OR (role = 'department_lead' AND department_id = ANY($2::uuid[])))
        ORDER BY id`,
      [departmentIds, jurisdictionIds],
    );
    const push = (map: Map<string, string[]>, key: string, id: string) => {
      const list = map.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      map.set(key, list);
    };
    const dept = new Map<string, string[]>();
    const coord = new Map<string, string[]>();
    const lead = new Map<string, string[]>();
    const jset = new Set(jurisdictionIds);
    for (const r of rows) {
      if (r.role === 'coordinator' && r.jurisdiction_id) push(coord, r.jurisdiction_id, r.id);
      else {
        push(dept, r.department_id, r.id);
        if (r.role === 'department_lead' && jset.has(r.department_id)) push(lead, r.department_id, r.id);
      }
    }
    const userIds = [...new Set(rows.map((r) => r.id))];
    const prefs: Array<{ user_id: string; channel: 'email' | 'webhook'; enabled: boolean }> = userIds.length
      ? await m.query(`SELECT user_id, channel, enabled FROM user_channel_preferences WHERE user_id = ANY($1::uuid[])`, [userIds])
      : [];
    const channels = new Map<string, ChannelTarget[]>();
    for (const p of prefs) channels.set(p.user_id, [...(channels.get(p.user_id) ?? []), { channel: p.channel, enabled: p.enabled }]);
    return new RecipientDirectory(dept, coord, lead, channels);
  }

  /** Users a step reaches, each once (the first audience that names them wins). */
  resolve(recipients: readonly Recipient[], jurisdictionId: string): RecipientUser[] {
    const out = new Map<string, RecipientUser['audience']>();
    const add = (ids: string[] | undefined, audience: RecipientUser['audience']) => {
      for (const id of ids ?? []) if (!out.has(id)) out.set(id, audience);
    };
    for (const r of recipients) {
      if (r.kind === 'lead' || r.kind === 'support') add(this.departmentUsers.get(r.departmentId), 'department');
      else if (r.kind === 'coordinating-office') add(this.coordinators.get(jurisdictionId), 'coordinating-office');
      else {
        const leaders = this.leaders.get(jurisdictionId);
        add(leaders?.length ? leaders : this.coordinators.get(jurisdictionId), 'leadership');
      }
    }
    return [...out].map(([userId, audience]) => ({ userId, audience }));
  }

  /**
   * The channels one message goes out on: in-app always; e-mail and webhooks when the user turned
   * them on, and for critical steps (督办 to leadership) whenever they are configured at all.
   */
  channelsFor(userId: string, critical: boolean): Array<'in_app' | 'email' | 'webhook'> {
    const extra = (this.channels.get(userId) ?? []).filter((c) => c.enabled || critical).map((c) => c.channel);
    return ['in_app', ...extra.sort()];
  }
}
