import { describe, expect, it } from '@jest/globals';
import { ladderSteps } from '../src/ladder-steps.js';
import { digestText, ladderText, manualUrgeText, reminderText, reportRequestText, stepText } from '../src/notification-texts.js';
import { reminderSteps } from '../src/reminder-steps.js';
import { calendar } from './cn-calendar.fixture.js';

const facts = { taskTitle: '新建城区幼儿园3所', leadDepartmentName: '市教育局', dueDate: '2024-10-14' };
const task = {
  taskId: 't-1',
  status: 'in_progress',
  dueDate: '2024-10-14',
  deadlineVersion: 1,
  leadDepartmentId: 'edu',
};

describe('notification texts', () => {
  it('reminds with the working days left', () => {
    expect(reminderText(facts, 3)).toBe(
      '【督办提醒】市教育局：“新建城区幼儿园3所”办理期限为2024年10月14日，距办理期限还有3个工作日，请抓紧推进，按时报送办理情况。',
    );
    expect(reminderText(facts, 0)).toBe(
      '【督办提醒】市教育局：“新建城区幼儿园3所”今天（2024年10月14日）为办理期限，请于今日内办结并报送办理情况。',
    );
  });

  it('words each ladder step for its audience', () => {
    const [urge, supervise, escalate] = ladderSteps(task, calendar);
    expect(ladderText(facts, urge!)).toBe(
      '【催办通知】市教育局：“新建城区幼儿园3所”已超过办理期限（2024年10月14日）1个工作日，现予催办，请立即办理并书面说明逾期原因。',
    );
    expect(ladderText(facts, supervise!)).toMatch(/^【督办通知】.*已超过办理期限（2024年10月14日）5个工作日，已亮红灯/);
    expect(ladderText(facts, escalate!)).toMatch(/^【督办升级】.*10个工作日，现提请领导关注，建议约谈牵头单位主要负责人。$/);
  });

  it('renders any planned step, noting an estimated calendar', () => {
    const t1 = reminderSteps(task, calendar).find((s) => s.step === 'T-1')!;
    expect(stepText(t1, facts)).toContain('距办理期限还有1个工作日');
    expect(reminderText({ ...facts, dueDate: '2027-01-15', provisionalYears: [2027] }, 7)).toContain(
      '（注：2027年法定节假日安排尚未公布，期限暂按周一至周五工作日计算。）',
    );
  });

  it('words a manual 催办 by the coordinating office, with its note when given', () => {
    expect(manualUrgeText(facts, '市委督查室', '本周五前报送选址方案')).toBe(
      '【催办通知】市教育局：市委督查室对“新建城区幼儿园3所”进行催办（办理期限2024年10月14日），请加快办理并及时报送进展。督办意见：本周五前报送选址方案。',
    );
    expect(manualUrgeText(facts, '市委督查室')).not.toContain('督办意见');
  });

  it('asks for progress reports and bundles a daily digest', () => {
    expect(reportRequestText('市财政局', '2024年第三季度', '2024-09-30')).toBe(
      '【进度报送提醒】市财政局：请于2024年9月30日前报送2024年第三季度工作进展情况（含佐证材料）。',
    );
    expect(digestText('张科长', '2024-10-09', ['甲', '乙'])).toBe(
      '【督办日报】张科长：2024年10月9日共有2条督办事项提醒：\n1. 甲\n2. 乙',
    );
    expect(() => digestText('张科长', '2024-10-09', [])).toThrow(/at least one item/);
  });
});
