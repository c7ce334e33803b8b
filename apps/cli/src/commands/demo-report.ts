import type { DataSource } from 'typeorm';
import { TASK_EVENT_LABELS, TASK_STATUS_LABELS, type TaskEventType, type TaskStatus } from '@duban/domain';
import { TaskEventEntity } from '@duban/persistence';
import { verifyTaskChain } from '@duban/tasks';
import type { DemoLogin } from './seed.command.js';
import { shortDepartmentName } from './seed.command.js';
import { renderTable, type Column } from './text-table.js';

/** Two-character forms of the event labels, so a task's whole history fits on one line. */
const EVENT_SHORT: Record<TaskEventType, string> = {
  TaskAssigned: '交办',
  TaskAccepted: '签收',
  ProgressReported: '进展',
  TaskSubmitted: '报结',
  TaskCompleted: '办结',
  TaskReturned: '退回',
  TaskDeclined: '退交',
  TaskReassigned: '改派',
  ExtensionRequested: '申延',
  ExtensionGranted: '准延',
  ExtensionDenied: '驳延',
  TaskCancelled: '撤销',
};

export interface DemoTaskRow {
  taskId: string;
  path: string;
  heading: string;
  department: string;
  role: 'lead' | 'support';
  status: TaskStatus;
  dueDate: string;
  originalDueDate: string;
  events: TaskEventType[];
  chainIntact: boolean;
  /** The department's 待办 entry for this task, as the worker left it. */
  inbox: { active: boolean; unread: boolean; lastEventSeq: number } | null;
  lastEventSeq: number;
}

export interface InboxProgress {
  events: number;
  consumed: number;
  unpublished: number;
}

/** How far the worker got: events of the plan, how many the inbox consumer applied, outbox rows not yet relayed. */
export async function inboxProgress(ds: DataSource, planId: string): Promise<InboxProgress> {
  const [row]: Array<{ events: number; consumed: number }> = await ds.query(
    `SELECT count(*)::int AS events, count(c.event_id)::int AS consumed
       FROM task_events e
       JOIN tasks t ON t.id = e.task_id
       LEFT JOIN consumed_events c ON c.consumer = 'inbox' AND c.event_id = e.id
      WHERE t.plan_id = $1`,
    [planId],
  );
  const [out]: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
  return { events: row.events, consumed: row.consumed, unpublished: out.n };
}

/** The plan's tasks with their trails and 待办 state; `order` (task ids) puts supports in the plan's order. */
export async function collectRows(ds: DataSource, planId: string, order: readonly string[] = []): Promise<DemoTaskRow[]> {
  const tasks: Array<{
    id: string;
    path: string;
    heading: string;
    name: string;
    aliases: string[];
    role: 'lead' | 'support';
    status: TaskStatus;
    due_date: string;
    original_due_date: string;
    last_event_seq: number;
    last_event_hash: string | null;
    inbox_active: boolean | null;
    inbox_unread: boolean | null;
    inbox_seq: number | null;
  }> = await ds.query(
    `SELECT t.id, i.path, i.heading, d.name, d.aliases, t.role, t.status,
            to_char(t.due_date, 'YYYY-MM-DD') AS due_date, to_char(t.original_due_date, 'YYYY-MM-DD') AS original_due_date,
            t.last_event_seq, t.last_event_hash,
            b.active AS inbox_active, b.unread AS inbox_unread, b.last_event_seq AS inbox_seq
       FROM tasks t
       JOIN plan_items i ON i.id = t.plan_item_id
       JOIN departments d ON d.id = t.department_id
       LEFT JOIN inbox_entries b ON b.task_id = t.id AND b.department_id = t.department_id
      WHERE t.plan_id = $1
      ORDER BY i.position, t.role, t.assigned_at, d.path`,
    [planId],
  );
  const events = await ds
    .getRepository(TaskEventEntity)
    .createQueryBuilder('e')
    .innerJoin('tasks', 't', 't.id = e.task_id')
    .where('t.plan_id = :planId', { planId })
    .orderBy('e.task_id')
    .addOrderBy('e.seq')
    .getMany();
  const byTask = new Map<string, TaskEventEntity[]>();
  for (const e of events) byTask.set(e.taskId, [...(byTask.get(e.taskId) ?? []), e]);
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = [...tasks].sort((a, b) => (rank.get(a.id) ?? order.length) - (rank.get(b.id) ?? order.length));
  return sorted.map((t) => {
    const trail = byTask.get(t.id) ?? [];
    return {
      taskId: t.id,
      path: t.path,
      heading: t.heading,
      department: shortDepartmentName(t.name, t.aliases),
      role: t.role,
      status: t.status,
      dueDate: t.due_date,
      originalDueDate: t.original_due_date,
      events: trail.map((e) => e.type as TaskEventType),
      chainIntact: verifyTaskChain({ lastEventSeq: t.last_event_seq, lastEventHash: t.last_event_hash }, trail).valid,
      inbox: t.inbox_seq === null ? null : { active: !!t.inbox_active, unread: !!t.inbox_unread, lastEventSeq: t.inbox_seq },
      lastEventSeq: t.last_event_seq,
    };
  });
}

function inboxCell(r: DemoTaskRow): string {
  if (!r.inbox) return '未送达';
  if (r.inbox.lastEventSeq < r.lastEventSeq) return `同步中(${r.inbox.lastEventSeq}/${r.lastEventSeq})`;
  if (!r.inbox.active) return '已移出';
  return r.inbox.unread ? '待办·未读' : '待办';
}

const COLUMNS: Column<DemoTaskRow>[] = [
  { header: '条目', cell: (r) => r.path.split('.').pop()! },
  { header: '任务', cell: (r) => r.heading, max: 26 },
  { header: '承办单位', cell: (r) => r.department, max: 22 },
  { header: '角色', cell: (r) => (r.role === 'lead' ? '牵头' : '配合') },
  { header: '状态', cell: (r) => TASK_STATUS_LABELS[r.status] },
  { header: '期限', cell: (r) => (r.dueDate === r.originalDueDate ? r.dueDate : `${r.dueDate}(原${r.originalDueDate})`) },
  { header: '事件', cell: (r) => r.events.map((e) => EVENT_SHORT[e]).join('→') },
  { header: '待办', cell: inboxCell },
];

/** The lifecycle table, one line per task, a blank line between plan items. */
export function renderTaskTable(rows: readonly DemoTaskRow[]): string {
  const spaced: Array<DemoTaskRow | null> = [];
  rows.forEach((r, i) => {
    if (i > 0 && rows[i - 1].path !== r.path) spaced.push(null);
    spaced.push(r);
  });
  return renderTable(COLUMNS, spaced);
}

export function summarize(rows: readonly DemoTaskRow[]): string[] {
  const count = (pred: (r: DemoTaskRow) => boolean) => rows.filter(pred).length;
  const byStatus = (Object.keys(TASK_STATUS_LABELS) as TaskStatus[])
    .map((s) => [TASK_STATUS_LABELS[s], count((r) => r.status === s)] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`);
  const events = rows.reduce((n, r) => n + r.events.length, 0);
  const eventTypes = new Map<TaskEventType, number>();
  for (const r of rows) for (const e of r.events) eventTypes.set(e, (eventTypes.get(e) ?? 0) + 1);
  const typeLine = [...eventTypes].map(([t, n]) => `${TASK_EVENT_LABELS[t]} ${n}`).join('，');
  return [
    `任务 ${rows.length} 个（牵头 ${count((r) => r.role === 'lead')}，配合 ${count((r) => r.role === 'support')}）：${byStatus.join('，')}`,
    `事件 ${events} 条：${typeLine}`,
    `审计链校验：${count((r) => r.chainIntact)}/${rows.length} 个任务的事件哈希链完整`,
    `待办：${count((r) => r.inbox !== null && r.inbox.lastEventSeq === r.lastEventSeq)}/${rows.length} 个任务的待办已由 worker 更新到最新事件`,
    `事件缩写：交办 签收 进展=报送进展 报结=申请办结 办结 退回=退回重办 退交=退回交办 改派=重新交办 申延/准延/驳延=申请/同意/不同意延期`,
  ];
}

export function renderLogins(logins: readonly DemoLogin[]): string {
  return renderTable<DemoLogin>(
    [
      { header: '用户名', cell: (l) => l.username },
      { header: '角色', cell: (l) => l.roleLabel },
      { header: '单位', cell: (l) => l.departmentName },
    ],
    logins,
  );
}
