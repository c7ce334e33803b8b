import { describe, it, expect } from '@jest/globals';
import { findTargets, normalizeText } from '@duban/plan-parser';

const t = (s: string) => ({ orig: s, norm: normalizeText(s) });
const brief = (s: string) => findTargets(t(s), 2025).map((x) => [x.value, x.unit, x.comparator]);

describe('findTargets', () => {
  it('reads rates with their comparators and years', () => {
    const [a, b] = findTargets(t('到2025年底,全市公办幼儿园在园幼儿占比达到50%以上,普惠幼儿园在园幼儿占比达到85%以上。'), null);
    expect(a).toMatchObject({ indicator: '公办幼儿园在园幼儿占比', value: 50, unit: '%', comparator: '>=', year: 2025 });
    expect(a.text).toBe('全市公办幼儿园在园幼儿占比达到50%以上');
    expect(b).toMatchObject({ value: 85, comparator: '>=', year: 2025 });
  });

  it.each([
    ['新增学位6500个', [[6500, '个', '=']]],
    ['试点学校突破30所', [[30, '所', '>']]],
    ['签约率稳定在75%左右', [[75, '%', '~']]],
    ['婴儿死亡率降至4‰以内', [[4, '‰', '<=']]],
    ['完成职业技能培训6.5万人次', [[65000, '人次', '=']]],
    ['打造1-2所有影响力的学校', [[1, '所', '>=']]],
    ['每个乡镇至少办好1所中心幼儿园', [[1, '所', '>=']]],
    ['机会不少于活动总量的80%', [[80, '%', '>=']]],
    ['组建不少于10个集团和20个示范区', [[10, '个', '>='], [20, '个', '>=']]],
    ['组建5个以上共同体、1个联合体', [[5, '个', '>='], [1, '个', '=']]],
    ['就业率分别达到97%、87%以上', [[97, '%', '>='], [87, '%', '>=']]],
    ['实现配备率100%、建设率100%', [[100, '%', '>='], [100, '%', '>=']]],
    ['累计投入资金2.5亿元改善办学条件', [[250000000, '元', '=']]],
    ['对每所学校给予10万元奖补', []],
    ['优质学校占比达到一半以上', [[50, '%', '>=']]],
    ['覆盖率达到百分之八十', [[80, '%', '>=']]],
    ['三分之二的县通过评估', []],
    ['达标率不低于三分之二', [[66.7, '%', '>=']]],
  ])('%s', (text, expected) => {
    expect(brief(text)).toEqual(expected);
  });

  it('keeps the unit as written in traditional text', () => {
    expect(brief('各縣要有1個以上試點鎮')).toEqual([[1, '個', '>=']]);
  });

  it('skips thresholds, named programmes, sets already there and agents', () => {
    expect(brief('人口超过20万的县市特殊教育学校覆盖率达100%')).toEqual([[100, '%', '>=']]);
    expect(brief('消除56人以上大班额')).toEqual([]);
    expect(brief('坚持三个导向,开展“七个专项行动”')).toEqual([]);
    expect(brief('深入推进全市7所新课程新教材示范校建设')).toEqual([]);
    expect(brief('由云南现代职业技术学院等5所学校牵头')).toEqual([]);
    expect(brief('任职一般不超过12年,45岁以下')).toEqual([]);
    expect(brief('落实《三年行动(2023-2025年)》中的5个项目')).toEqual([[5, '个', '=']]);
  });
});

describe('findTargets in a briefing of work done', () => {
  it('keeps only figures still to be reached', () => {
    const text = t('遴选112名优秀教师到城区任教。实施公招计划53名,力争2023年覆盖率达到100%,建成实训基地3个。');
    expect(findTargets(text, null, { forwardOnly: true }).map((x) => [x.value, x.unit])).toEqual([
      [53, '名'],
      [100, '%'],
    ]);
    expect(findTargets(text, null)).toHaveLength(4);
  });
});
