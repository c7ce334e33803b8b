import { describe, expect, it } from '@jest/globals';
import { splitAtConjunctions, splitNameList } from './name-list.js';

describe('splitNameList', () => {
  it('splits on 、，,/; but not inside brackets', () => {
    expect(splitNameList('州教育体育局、州财政局，各县（市、区）人民政府,州委编办/州人社局；州民宗委')).toEqual([
      '州教育体育局', '州财政局', '各县（市、区）人民政府', '州委编办', '州人社局', '州民宗委',
    ]);
  });

  it('drops framing words around a list', () => {
    expect(splitNameList('由州教育体育局牵头')).toEqual(['州教育体育局']);
    expect(splitNameList('发改、财政、编办、人社、自然资源和住建等部门')).toEqual(['发改', '财政', '编办', '人社', '自然资源和住建']);
    expect(splitNameList('  、 ,')).toEqual([]);
    expect(splitNameList('牵头单位：州教育体育局（牵头）、州财政局(配合)')).toEqual(['州教育体育局', '州财政局']);
  });
});

describe('splitAtConjunctions', () => {
  it('offers a split at 和/及/与 and nothing when there is none', () => {
    expect(splitAtConjunctions('顺城区和望花区')).toEqual(['顺城区', '望花区']);
    expect(splitAtConjunctions('州财政局及州人社局')).toEqual(['州财政局', '州人社局']);
    expect(splitAtConjunctions('州财政局')).toEqual([]);
    expect(splitAtConjunctions('和州财政局')).toEqual([]);
  });
});
