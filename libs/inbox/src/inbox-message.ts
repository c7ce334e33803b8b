import { TASK_STATUS_LABELS, type TaskEventType, type TaskStatus } from '@duban/domain';

/** Events a department should notice (unread) rather than ones it caused itself. */
export const NOTIFY_DEPARTMENT: readonly TaskEventType[] = [
  'TaskAssigned',
  'TaskReassigned',
  'TaskReturned',
  'TaskCompleted',
  'ExtensionGranted',
  'ExtensionDenied',
  'TaskCancelled',
];

/** The one-line 待办 text for a department, in the words of a coordinating office. */
export function inboxMessage(
  type: TaskEventType,
  ctx: { heading: string; dueDate: string; status: TaskStatus; payload: Record<string, unknown> },
): string {
  const reason = typeof ctx.payload.reason === 'string' ? `，理由：${ctx.payload.reason}` : '';
  switch (type) {
    case 'TaskAssigned':
    case 'TaskReassigned':
      return `【新交办】${ctx.heading}，请于${ctx.dueDate}前办结`;
    case 'TaskAccepted':
      return `【已签收】${ctx.heading}，办理期限${ctx.dueDate}`;
    case 'ProgressReported':
      return `【已报送进展】${ctx.heading}，进度${String(ctx.payload.percent ?? '')}%`;
    case 'TaskSubmitted':
      return `【已申请办结】${ctx.heading}，等待督查室审核`;
    case 'TaskCompleted':
      return `【已办结】${ctx.heading}`;
    case 'TaskReturned':
      return `【退回重办】${ctx.heading}${reason}`;
    case 'TaskDeclined':
      return `【已退回交办】${ctx.heading}${reason}`;
    case 'ExtensionRequested':
      return `【已申请延期】${ctx.heading}，申请延期至${String(ctx.payload.requestedDueDate ?? '')}`;
    case 'ExtensionGranted':
      return `【同意延期】${ctx.heading}，办理期限调整为${ctx.dueDate}`;
    case 'ExtensionDenied':
      return `【不同意延期】${ctx.heading}，请于${ctx.dueDate}前办结${reason}`;
    case 'TaskCancelled':
      return `【已撤销】${ctx.heading}${reason}`;
    default:
      return `【${TASK_STATUS_LABELS[ctx.status]}】${ctx.heading}`;
  }
}
