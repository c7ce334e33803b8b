import type { TaskAction } from './task-action.js';

/** One event type per transition, plus TaskAssigned when a task is created. Never rename one that shipped. */
export const TASK_EVENT_TYPES = [
  'TaskAssigned',
  'TaskAccepted',
  'ProgressReported',
  'TaskSubmitted',
  'TaskCompleted',
  'TaskReturned',
  'TaskDeclined',
  'TaskReassigned',
  'ExtensionRequested',
  'ExtensionGranted',
  'ExtensionDenied',
  'TaskCancelled',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

export const EVENT_FOR_ACTION: Record<TaskAction, TaskEventType> = {
  accept: 'TaskAccepted',
  report_progress: 'ProgressReported',
  submit: 'TaskSubmitted',
  approve: 'TaskCompleted',
  return: 'TaskReturned',
  decline: 'TaskDeclined',
  reassign: 'TaskReassigned',
  request_extension: 'ExtensionRequested',
  grant_extension: 'ExtensionGranted',
  deny_extension: 'ExtensionDenied',
  cancel: 'TaskCancelled',
};

export const TASK_EVENT_LABELS: Record<TaskEventType, string> = {
  TaskAssigned: '交办',
  TaskAccepted: '签收',
  ProgressReported: '报送进展',
  TaskSubmitted: '申请办结',
  TaskCompleted: '办结',
  TaskReturned: '退回重办',
  TaskDeclined: '退回交办',
  TaskReassigned: '重新交办',
  ExtensionRequested: '申请延期',
  ExtensionGranted: '同意延期',
  ExtensionDenied: '不同意延期',
  TaskCancelled: '撤销',
};
