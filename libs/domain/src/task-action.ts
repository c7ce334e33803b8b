/** What a user can do to a task. Each action is one transition of the state machine. */
export const TASK_ACTIONS = [
  'accept',
  'report_progress',
  'submit',
  'approve',
  'return',
  'decline',
  'reassign',
  'request_extension',
  'grant_extension',
  'deny_extension',
  'cancel',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_ACTION_LABELS: Record<TaskAction, string> = {
  accept: '签收',
  report_progress: '报送进展',
  submit: '申请办结',
  approve: '办结',
  return: '退回重办',
  decline: '退回交办',
  reassign: '重新交办',
  request_extension: '申请延期',
  grant_extension: '同意延期',
  deny_extension: '不同意延期',
  cancel: '撤销',
};
