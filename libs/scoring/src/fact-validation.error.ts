/** A task fact the engine cannot score; the message names the task and the field. */
export class FactValidationError extends Error {
  readonly code = 'FACT_INVALID';

  constructor(
    readonly taskId: string,
    readonly field: string,
    detail: string,
  ) {
    super(`任务事实无效（任务 ${taskId || '(无编号)'}，字段 ${field}）：${detail}`);
    this.name = 'FactValidationError';
  }
}
