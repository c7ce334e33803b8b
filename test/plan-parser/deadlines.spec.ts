import { describe, it, expect } from '@jest/globals';
import { findDeadline, findDeadlines, findRecurrence, normalizeText } from '@duban/plan-parser';

const t = (s: string) => ({ orig: s, norm: normalizeText(s) });
const ctx = { issueDate: '2024-03-27', referenceYear: 2024 };

describe('findDeadline', () => {
  it.each([
    ['到2025年,覆盖率达到95%', '2025-12-31', '到2025年'],
    ['到2025年底,全市公办园占比达到50%以上', '2025-12-31', '到2025年底'],
    ['2024年6月底前完成组建', '2024-06-30', '2024年6月底前'],
    ['2025年上半年完成培养', '2025-06-30', '2025年上半年'],
    ['2024年第三季度前建成平台', '2024-09-30', '2024年第三季度前'],
    ['2024年2月完成', '2024-02-29', '2024年2月'],
    ['2024年10月15日前报送', '2024-10-15', '2024年10月15日前'],
    ['2023年至2025年分步实施', '2025-12-31', '2023年至2025年'],
    ['动员部署阶段(2024年3月—4月)', '2024-04-30', '2024年3月—4月'],
    ['整改阶段(2024年11月至2月)', '2025-02-28', '2024年11月至2月'],
    ['二〇二五年底前完成', '2025-12-31', '二〇二五年底前'],
    ['年底前完成清理', '2024-12-31', '年底前'],
    ['6月底前出台方案', '2024-06-30', '6月底前'],
    ['3年内实现教师全员轮训', '2027-03-27', '3年内'],
  ])('%s → %s', (text, date, phrase) => {
    expect(findDeadline(t(text), ctx)).toEqual({ date, text: phrase });
  });

  it('takes the latest of several dates', () => {
    expect(findDeadline(t('到2025年,基本实现全覆盖。到2027年,管理模式更加优化。'), ctx)?.date).toBe('2027-12-31');
  });

  it('ignores the periods of cited documents and years that start something', () => {
    expect(findDeadline(t('落实《项目规划(2021-2025年)》,补齐短板'), ctx)).toBeNull();
    expect(findDeadline(t('自2024年起实施,2018年秋季入学的学生'), ctx)).toBeNull();
  });

  it('ignores relative windows about a person', () => {
    expect(findDeadline(t('新任教师,5年内须到乡镇学校任教;教研员3年内蹲点不少于1年'), ctx)).toBeNull();
  });

  it('counts N年内 to the year end when only the year is known', () => {
    expect(findDeadline(t('3年内实现全员轮训'), { issueDate: null, referenceYear: 2024 })?.date).toBe('2027-12-31');
  });

  it('keeps traditional phrases as written', () => {
    expect(findDeadlines(t('力爭到2027年縣域內鄉村校長達到50%以上'), ctx)).toEqual([{ date: '2027-12-31', text: '力爭到2027年' }]);
  });
});

describe('findRecurrence', () => {
  it.each([
    ['每学期组织培训2次', 'semester'],
    ['每年招聘不少于200名', 'annual'],
    ['确保教育支出逐年只增不减', 'annual'],
    ['每季度开展一次评估', 'quarterly'],
    ['每月报送工作进展', 'monthly'],
    ['每周通报', 'weekly'],
    ['持续推进“县管校聘”改革', 'ongoing'],
    ['长期坚持问题导向', 'long-term'],
  ])('%s → %s', (text, r) => {
    expect(findRecurrence(t(text))).toBe(r);
  });

  it('does not read manner words as a cadence', () => {
    expect(findRecurrence(t('持续提升办学水平,常态化开展交流,定期公布结果'))).toBeNull();
  });

  it('lets the most frequent cadence win', () => {
    expect(findRecurrence(t('每学年交流一次。每学期培训2次,每学期展示一次。'))).toBe('semester');
  });
});

describe('dates in task-table cells', () => {
  it.each([
    ['2024.12', '2024-12-31'],
    ['2024-06-30前', '2024-06-30'],
    ['2024/9', '2024-09-30'],
    ['年内完成', '2024-12-31'],
    ['2024年秋季学期前', '2024-08-31'],
  ])('%s → %s', (text, date) => {
    expect(findDeadline(t(text), ctx)?.date).toBe(date);
  });

  it('does not read ratios or windows as numeric dates', () => {
    expect(findDeadline(t('比例达到2023.5%'), ctx)).toBeNull();
  });
});
