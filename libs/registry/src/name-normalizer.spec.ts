import { describe, expect, it } from '@jest/globals';
import { coreKey, lightKey, namingFromRoot } from './name-normalizer.js';

const chuxiong = namingFromRoot('楚雄彝族自治州人民政府', ['楚雄州人民政府', '州政府', '楚雄州']);
const jiangmen = namingFromRoot('江门市人民政府', ['市政府']);

describe('lightKey', () => {
  it('ignores width, whitespace and brackets around the whole name only', () => {
    expect(lightKey(' （大竹县教科局） ')).toBe('大竹县教科局');
    expect(lightKey('各县（市、区）')).toBe('各县(市、区)');
    expect(lightKey('州 教育 体育局')).toBe('州教育体育局');
  });
});

describe('namingFromRoot', () => {
  it('derives place names (longest first) and the level word', () => {
    expect(chuxiong).toEqual({ placeNames: ['楚雄彝族自治州', '楚雄州'], level: '州' });
    expect(jiangmen).toEqual({ placeNames: ['江门市'], level: '市' });
  });
});

describe('coreKey', () => {
  it('folds traditional script, punctuation and 人民政府', () => {
    expect(coreKey('各縣(市、區)人民政府', jiangmen)).toBe('各县市区政府');
    expect(coreKey('江門市人民政府辦公室', jiangmen)).toBe('市政府办公室');
  });

  it('replaces the jurisdiction place name by its level word and drops 中共', () => {
    expect(coreKey('中共楚雄州委办公室', chuxiong)).toBe('州委办公室');
    expect(coreKey('楚雄彝族自治州教育体育局', chuxiong)).toBe('州教育体育局');
    expect(coreKey('楚雄州教育体育局', chuxiong)).toBe(coreKey('州教育体育局', chuxiong));
  });

  it('keeps a county that shares the stem of the jurisdiction (楚雄市 is not 楚雄州)', () => {
    expect(coreKey('楚雄市教育体育局', chuxiong)).toBe('楚雄市教育体育局');
  });
});
