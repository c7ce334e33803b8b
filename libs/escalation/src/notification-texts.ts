import { type CivilDate, formatChineseDate } from '@duban/calendar';
import { type LadderStep, type PlannedStep } from './planned-step.js';

/** What a message template needs besides the step; names are resolved by the engine. */
export interface MessageFacts {
  taskTitle: string;
  /** The lead department's name (牵头单位). */
  leadDepartmentName: string;
  dueDate: CivilDate;
  /** Years whose holidays are not yet published, when the date is an estimate. */
  provisionalYears?: readonly number[];
}

function provisionalNote(years: readonly number[] | undefined): string {
  if (!years || years.length === 0) return '';
  return `（注：${years.join('、')}年法定节假日安排尚未公布，期限暂按周一至周五工作日计算。）`;
}

/** 【督办提醒】 before the deadline and on the due day. */
export function reminderText(facts: MessageFacts, workingDaysBefore: number): string {
  const { taskTitle, leadDepartmentName, dueDate } = facts;
  const head = `【督办提醒】${leadDepartmentName}：“${taskTitle}”`;
  const body =
    workingDaysBefore === 0
      ? `今天（${formatChineseDate(dueDate)}）为办理期限，请于今日内办结并报送办理情况。`
      : `办理期限为${formatChineseDate(dueDate)}，距办理期限还有${workingDaysBefore}个工作日，请抓紧推进，按时报送办理情况。`;
  return `${head}${body}${provisionalNote(facts.provisionalYears)}`;
}

/** 【催办通知】/【督办通知】/【督办升级】 after the deadline. */
export function ladderText(facts: MessageFacts, step: Pick<LadderStep, 'action' | 'workingDaysAfter' | 'flagInterview'>): string {
  const { taskTitle, leadDepartmentName, dueDate } = facts;
  const late = `已超过办理期限（${formatChineseDate(dueDate)}）${step.workingDaysAfter}个工作日`;
  const note = provisionalNote(facts.provisionalYears);
  switch (step.action) {
    case 'urge':
      return `【催办通知】${leadDepartmentName}：“${taskTitle}”${late}，现予催办，请立即办理并书面说明逾期原因。${note}`;
    case 'supervise':
      return `【督办通知】“${taskTitle}”（牵头单位：${leadDepartmentName}）${late}，已亮红灯，请督查室跟进督办。${note}`;
    case 'escalate':
      return (
        `【督办升级】“${taskTitle}”（牵头单位：${leadDepartmentName}）${late}，现提请领导关注` +
        `${step.flagInterview ? '，建议约谈牵头单位主要负责人' : ''}。${note}`
      );
    default:
      throw new RangeError(`unknown ladder action ${JSON.stringify(step.action)}`);
  }
}

/** A coordinator's manual 催办, sent on demand (recorded under manualUrgeKey). */
export function manualUrgeText(facts: MessageFacts, officeName: string, note?: string): string {
  const { taskTitle, leadDepartmentName, dueDate } = facts;
  const extra = note && note.trim().length > 0 ? `督办意见：${note.trim()}。` : '';
  return (
    `【催办通知】${leadDepartmentName}：${officeName}对“${taskTitle}”进行催办（办理期限${formatChineseDate(dueDate)}），` +
    `请加快办理并及时报送进展。${extra}${provisionalNote(facts.provisionalYears)}`
  );
}

/** The text of any planned step. */
export function stepText(step: PlannedStep, facts: MessageFacts): string {
  return step.rule === 'reminder'
    ? reminderText(facts, step.workingDaysBefore)
    : ladderText(facts, step);
}

/** 【进度报送提醒】 to a department that has not yet reported for the period. */
export function reportRequestText(departmentName: string, periodLabel: string, dueDate: CivilDate): string {
  return `【进度报送提醒】${departmentName}：请于${formatChineseDate(dueDate)}前报送${periodLabel}工作进展情况（含佐证材料）。`;
}

/** 【督办日报】 one message per recipient per day, listing that day's items. */
export function digestText(recipientName: string, date: CivilDate, items: readonly string[]): string {
  if (items.length === 0) throw new RangeError('digestText: a digest needs at least one item');
  const lines = items.map((item, i) => `${i + 1}. ${item}`).join('\n');
  return `【督办日报】${recipientName}：${formatChineseDate(date)}共有${items.length}条督办事项提醒：\n${lines}`;
}
