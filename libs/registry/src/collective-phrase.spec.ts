import { describe, expect, it } from '@jest/globals';
import { detectCollective } from './collective-phrase.js';

describe('detectCollective (on core keys)', () => {
  it.each([
    ['各县市区'], ['各县市'], ['各区县'], ['各县区'], ['县市区'], ['县市'], ['县区政府'],
    ['各县市党委和政府'], ['各县区政府'], ['全州各县市'], ['州各县市'],
  ])('%s → every county-level unit', (core) => {
    expect(detectCollective(core)).toEqual({ type: 'county', remainder: '' });
  });

  it.each([
    ['各县市区教育局', '教育局'],
    ['县市区教研室', '教研室'],
    ['各县市教育体育局', '教育体育局'],
  ])('%s → the %s of every county', (core, remainder) => {
    expect(detectCollective(core)).toEqual({ type: 'county', remainder });
  });

  it.each([
    ['各有关部门'], ['各相关单位'], ['州级有关部门'], ['市政府各部门'], ['各直属单位'], ['州委各部委办局'],
    ['州级国家机关各委办局'], ['在楚各高校'], ['有关单位'], ['县级有关部门'], ['部门'], ['群团组织'],
    ['州委教育工作领导小组成员单位'], ['各县区政府各部门'], ['各乡镇街道'], ['各级各类学校'],
  ])('%s → needs the coordinator to choose', (core) => {
    expect(detectCollective(core)).toEqual({ type: 'choice' });
  });

  it.each([['县委'], ['州教育体育局'], ['禄丰市政府'], ['县教育局'], ['财政局']])('%s is not a collective', (core) => {
    expect(detectCollective(core)).toBeNull();
  });
});
