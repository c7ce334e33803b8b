import { describe, it, expect } from '@jest/globals';
import { columnRole, extractMetadata, extractTables, parseDate, parsePeriod, parsePlanText, toSourceLines } from '@duban/plan-parser';

describe('columnRole', () => {
  it.each([
    ['序号', 'seq'],
    ['重点任务', 'task'],
    ['目标任务', 'task'],
    ['牵头单位', 'lead'],
    ['主要责任单位', 'lead'],
    ['责任单位', 'responsible'],
    ['协同配合单位', 'support'],
    ['完成时限', 'deadline'],
    ['计划完成时间', 'deadline'],
    ['责任领导', 'person'],
    ['责任单位及责任人', 'responsible'],
    ['责任单位（列第一位的为牵头单位）', 'responsible'],
    ['备注', 'other'],
  ])('%s → %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });
});

describe('extractTables', () => {
  it('reads pipe rows with section rows and skips repeated headers', () => {
    const lines = toSourceLines(['序号 | 重点任务 | 牵头单位 | 完成时限', '一、民生实事', '1 | 新建学校 | 市教育局 | 2024年底', '序号 | 重点任务 | 牵头单位 | 完成时限', '2 | 改造食堂 | 市教育局 | 2024年6月'].join('\n'));
    const { nodes, consumed } = extractTables(lines);
    expect(nodes.map((n) => [n.token, n.children.map((c) => c.token)])).toEqual([['一', ['1', '2']]]);
    expect(consumed.size).toBe(5);
    expect(nodes[0].children[1].cells?.deadline?.orig).toBe('2024年6月');
  });

  it('nests section rows by their numbering and accepts 1-1 / (3) 序号', () => {
    const lines = toSourceLines(
      ['序号 | 工作任务 | 责任单位 | 完成时间', '一、教育民生', '（一）学前教育', '1-1 | 新建公办幼儿园5所 | 区教育局 | 2024.8', '（二）义务教育', '(3) | 新增学位2000个 | 区教育局 | 2024年秋季学期前', '二、教师队伍', '4 | 培训教师 | 区教师发展中心 | 长期'].join('\n'),
    );
    const tree = (ns: ReturnType<typeof extractTables>['nodes']): unknown[] => ns.map((n) => [n.token, tree(n.children)]);
    expect(tree(extractTables(lines).nodes)).toEqual([
      ['一', [['(一)', [['1-1', []]]], ['(二)', [['(3)', []]]]]],
      ['二', [['4', []]]],
    ]);
  });

  it('reads lead marks and the first-listed rule of a responsibility column', () => {
    const plan = parsePlanText(
      ['序号 | 重点任务 | 责任单位（列第一位的为牵头单位） | 完成时限', '1 | 编制托育设施布局规划 | 市卫生健康委、市自然资源和规划局 | 2024年6月底前', '2 | 新增普惠托位2000个 | 市发展改革委、市卫生健康委（牵头）、各区人民政府 | 2024年12月底前'].join('\n'),
    );
    expect(plan.items.map((i) => i.departments)).toEqual([
      { lead: ['市卫生健康委'], support: ['市自然资源和规划局'] },
      { lead: ['市卫生健康委'], support: ['市发展改革委', '各区人民政府'] },
    ]);
  });

  it('reads tab-separated rows copied from a web table, keeping empty cells in place', () => {
    const plan = parsePlanText(
      ['序号\t重点任务\t牵头单位\t配合单位\t完成时限\t备注\t进展情况', '1\t建成智慧校园示范校20所\t市教育局\t市大数据局\t2024年底\t\t已启动', '2\t开展教师培训\t市教育局\t\t每学期\t重点\t'].join('\n'),
    );
    expect(plan.items.map((i) => [i.path, i.departments, i.deadline, i.recurrence])).toEqual([
      ['1', { lead: ['市教育局'], support: ['市大数据局'] }, '2024-12-31', null],
      ['2', { lead: ['市教育局'], support: [] }, null, 'semester'],
    ]);
  });

  it('reads a table copied as space-separated rows', () => {
    const plan = parsePlanText(
      ['某区2024年卫生健康重点任务', '序号 重点任务 牵头单位 配合单位 完成时限', '一、公共卫生', '1 新建社区卫生服务中心 3个 区卫健局 区财政局 2024年12月底前', '2 儿童免疫接种率达到95%以上 区疾控中心 各街道办事处 长期', '为确保任务落实，各单位要加强协调。'].join('\n'),
    );
    expect(plan.title).toBe('某区2024年卫生健康重点任务');
    expect(plan.items.map((i) => [i.path, i.title, i.departments.lead, i.deadline, i.recurrence])).toEqual([
      ['一', '公共卫生', [], null, null],
      ['一.1', '新建社区卫生服务中心 3个', ['区卫健局'], '2024-12-31', null],
      ['一.2', '儿童免疫接种率达到95%以上', ['区疾控中心'], null, 'long-term'],
    ]);
  });

  it('ignores pipes that are not a task table', () => {
    expect(extractTables(toSourceLines('首页 | 政务公开 | 通知公告\n一、总则')).nodes).toEqual([]);
  });
});

describe('parseDate', () => {
  it.each([
    ['2022-05-18', '2022-05-18'],
    ['2022年5月18日', '2022-05-18'],
    ['二〇二三年十月十日', '2023-10-10'],
    ['2024327', '2024-03-27'],
    ['20241105', '2024-11-05'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(parseDate('2023年2月30日')).toBeNull();
  });
});

describe('parsePeriod', () => {
  it.each([
    ['楚雄州教育高质量发展三年行动实施方案(2023—2025年)', { start: 2023, end: 2025 }],
    ['抚顺市“十四五”教育发展规划', { start: 2021, end: 2025 }],
    ['“十五五”规划', { start: 2026, end: 2030 }],
    ['2024年全市教育工作要点', { start: 2024, end: 2024 }],
  ])('%s', (title, period) => {
    expect(parsePeriod(title)).toEqual(period);
  });

  it('returns null when the title states no period', () => {
    expect(parsePeriod('关于推进教育高质量发展的实施意见')).toBeNull();
  });
});

describe('extractMetadata', () => {
  it('prefers the signature to 发布机构 and ignores cited document numbers', () => {
    const meta = extractMetadata(
      toSourceLines(
        [
          '发布机构：某市人民政府 成文日期：2024327',
          '某市人民政府办公室关于印发某市托育服务发展三年行动方案（2024—2026年）的通知',
          '根据《省托育服务行动计划》（省政办发〔2023〕5号）精神，现印发给你们。',
          '某市人民政府办公室',
          '某市教育局',
          '2024年3月27日',
          '一、主要目标',
        ].join('\n'),
      ),
    );
    expect(meta).toEqual({
      title: '某市托育服务发展三年行动方案',
      issuers: ['某市人民政府办公室', '某市教育局'],
      docNumber: null,
      issueDate: '2024-03-27',
      period: { start: 2024, end: 2026 },
    });
  });

  it('reads a period subtitle under the plan title when the title comes from the notice', () => {
    const notice = (subtitle: string, extra: string[] = []) =>
      extractMetadata(
        toSourceLines(
          [
            '某县人民政府办公室关于印发某县教育提质行动方案的通知',
            '各乡镇人民政府，县直各部门：',
            '《某县教育提质行动方案》已经县人民政府同意，现印发给你们，请认真贯彻执行。',
            '某县人民政府办公室',
            '2024年3月1日',
            '某县教育提质行动方案',
            subtitle,
            ...extra,
            '一、重点任务',
            '1.到2030年，学前教育普及率达到95%。',
          ].join('\n'),
        ),
      );
    expect(notice('（2024—2025年）')).toMatchObject({ title: '某县教育提质行动方案', issueDate: '2024-03-01', period: { start: 2024, end: 2025 } });
    expect(notice('(2024-2026年)', [''])).toMatchObject({ title: '某县教育提质行动方案', period: { start: 2024, end: 2026 } });
    // A dated line that is not a bracketed subtitle right under the plan's own title stays out of it.
    expect(notice('（2019年修订）')).toMatchObject({ period: { start: 2024, end: 2030 } });
  });

  it('falls back to 发布机构 and 文号 fields', () => {
    const meta = extractMetadata(toSourceLines(['发布机构：某县教育局', '文号：某教发[2023]12号', '某县2023年教育工作要点', '一、重点工作'].join('\n')));
    expect(meta).toMatchObject({ title: '某县2023年教育工作要点', issuers: ['某县教育局'], docNumber: '某教发[2023]12号', period: { start: 2023, end: 2023 } });
  });
});
