import { NO_ID } from './ledger-line.types.js';

/**
 * The deterministic key of a ledger line. Parts are percent-encoded so that ids containing the
 * separator cannot make two different lines collide.
 */
export function ledgerKey(departmentId: string, taskId: string, eventId: string, rule: string): string {
  return `${encodePart(departmentId)}|${encodePart(taskId || NO_ID)}|${encodePart(eventId || NO_ID)}|${encodePart(rule)}`;
}

/** Only the separator and the escape character need encoding; most ids pass through untouched. */
function encodePart(part: string): string {
  return part.includes('|') || part.includes('%') ? encodeURIComponent(part) : part;
}

export interface LedgerKeyParts {
  departmentId: string;
  taskId: string;
  eventId: string;
  rule: string;
}

export function parseLedgerKey(key: string): LedgerKeyParts {
  const parts = key.split('|');
  if (parts.length !== 4) throw new Error(`账目编号“${key}”格式不正确（应为 部门|任务|事件|规则）`);
  const [departmentId, taskId, eventId, rule] = parts.map((part) => decodeURIComponent(part));
  return { departmentId, taskId, eventId, rule };
}
