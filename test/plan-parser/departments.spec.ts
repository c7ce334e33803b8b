import { describe, it, expect } from '@jest/globals';
import { declaresFirstListedLeads, findDepartments, looksLikeUnit, normalizeText, splitUnitList } from '@duban/plan-parser';

const t = (s: string) => ({ orig: s, norm: normalizeText(s) });
const plain = { firstListedLeads: false };
const firstLeads = { firstListedLeads: true };

describe('splitUnitList', () => {
  it('keeps collectives and conjunctions inside names whole', () => {
    const names = (s: string) => splitUnitList(t(s)).map((p) => p.orig);
    expect(names('市教育局、各县（市、区）人民政府')).toEqual(['市教育局', '各县（市、区）人民政府']);
    expect(names('市工业和信息化局、市财政局')).toEqual(['市工业和信息化局', '市财政局']);
    expect(names('各区、县（市）教育局')).toEqual(['各区、县（市）教育局']);
    expect(names('市教育局和市财政局')).toEqual(['市教育局', '市财政局']);
  });
});

describe('looksLikeUnit', () => {
  it.each(['市教育局', '州委教育工委', '政策法规与民办教育科', '各县(市、区)', '市疾控中心', '各有关部门'])('%s is a unit', (n) => {
    expect(looksLikeUnit(n)).toBe(true);
  });
  it.each(['记者 陈杨', '团队的', '2025年', '以下简称县中'])('%s is not a unit', (n) => {
    expect(looksLikeUnit(n)).toBe(false);
  });
});

describe('findDepartments', () => {
  it('reads a parenthetical attribution with lead and support', () => {
    expect(findDepartments(t('推进医共体建设。（市卫生健康委牵头，市财政局、市人社局配合）'), plain)).toEqual({
      lead: ['市卫生健康委'],
      support: ['市财政局', '市人社局'],
    });
  });

  it('reads labelled fields', () => {
    expect(findDepartments(t('完善机制。牵头单位：市教育局；配合单位：市财政局、市人社局。'), plain)).toEqual({
      lead: ['市教育局'],
      support: ['市财政局', '市人社局'],
    });
  });

  it('applies "列第一位者为牵头单位" to a plain list', () => {
    expect(findDepartments(t('建设标准化村卫生室。（市卫生健康委、各县（市、区）人民政府负责）'), firstLeads)).toEqual({
      lead: ['市卫生健康委'],
      support: ['各县（市、区）人民政府'],
    });
    expect(findDepartments(t('建设标准化村卫生室。（市卫生健康委、各县（市、区）人民政府负责）'), plain).lead).toHaveLength(2);
  });

  it('reads 由…牵头负责 and trailing unit lines', () => {
    expect(findDepartments(t('由州委教育工委、州教育体育局牵头负责,纳入考评。'), plain).lead).toEqual(['州委教育工委', '州教育体育局']);
    expect(findDepartments(t('开展专项整治。\n(政策法规与民办教育科)'), plain).lead).toEqual(['政策法规与民办教育科']);
  });

  it('reads a bare list of offices closing the sentence', () => {
    expect(findDepartments(t('提升基层服务水平（市教育局、各县（市、区）人民政府）。'), plain).lead).toEqual(['市教育局', '各县（市、区）人民政府']);
    expect(findDepartments(t('推进集团化办学（市教育局、各县（市、区））。'), plain).lead).toEqual(['市教育局', '各县（市、区）']);
  });

  it('drops the "等" closing a list', () => {
    expect(findDepartments(t('完善机制。（市教育局、市财政局等按职责分工负责）'), plain).lead).toEqual(['市教育局', '市财政局']);
  });

  it('recognises the ways a document says the first unit leads', () => {
    for (const s of ['列第一位者为牵头单位', '责任单位中排在第一位的为牵头单位', '排名第一的为牵头单位', '第一个单位为牵头单位']) {
      expect(declaresFirstListedLeads(s)).toBe(true);
    }
    expect(declaresFirstListedLeads('市教育局为牵头单位')).toBe(false);
  });

  it('honours in-place lead marks', () => {
    expect(findDepartments(t('建设托育机构。（市发展改革委、市卫生健康委（牵头）、各区人民政府）'), plain)).toEqual({
      lead: ['市卫生健康委'],
      support: ['市发展改革委', '各区人民政府'],
    });
  });

  it('does not take glosses, subjects or bylines for assignments', () => {
    const none = { lead: [], support: [] };
    expect(findDepartments(t('建立10个教育集团(联盟),全面形成格局。'), plain)).toEqual(none);
    expect(findDepartments(t('各县(市、区)要落实属地管理责任。'), plain)).toEqual(none);
    expect(findDepartments(t('营造健康的教育环境。(记者 陈杨)'), plain)).toEqual(none);
    expect(findDepartments(t('由云南现代职业技术学院等5所学校牵头,组建5个共同体。'), plain)).toEqual(none);
  });
});
