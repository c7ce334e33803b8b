import { describe, it, expect } from '@jest/globals';
import { buildOutline, parsePlanText, readMarker, toSourceLines, type OutlineNode } from '@duban/plan-parser';

const paths = (nodes: OutlineNode[], prefix = ''): string[] =>
  nodes.flatMap((n) => {
    const p = prefix ? `${prefix}.${n.token}` : n.token;
    return [p, ...paths(n.children, p)];
  });
const outline = (text: string) => buildOutline(toSourceLines(text));

describe('buildOutline', () => {
  it('learns levels from the document, including a skipped level', () => {
    const text = ['一、总体要求', '（一）指导思想', '二、重点任务', '1.推进改革。', '（1）细化方案。', '（2）抓好落实。', '2.强化保障。'].join('\n');
    expect(paths(outline(text))).toEqual(['一', '一.(一)', '二', '二.1', '二.1.(1)', '二.1.(2)', '二.2']);
  });

  it('keeps numbering that continues across sections', () => {
    const text = ['（一）甲行动', '1.任务一。', '2.任务二。', '（二）乙行动', '3.任务三。'].join('\n');
    expect(paths(outline(text))).toEqual(['(一)', '(一).1', '(一).2', '(二)', '(二).3']);
  });

  it('joins continuation lines to the item and stops at page chrome and signatures', () => {
    const text = ['1.推进改革。', '第二行内容。', '附件下载：', '无关内容', '', '2.强化保障。', '某市教育局', '2024年1月2日'].join('\n');
    const nodes = outline(text);
    expect(nodes[0].parts.map((p) => p.orig)).toEqual(['推进改革。', '第二行内容。']);
    expect(nodes[1].parts.map((p) => p.orig)).toEqual(['强化保障。']);
  });

  it('splits inline runs into children and one-line lists into siblings', () => {
    const nodes = outline('◆我市坚持三个导向。(1)责任导向。(2)问题导向。(3)结果导向。\n(政策法规科)\n一、设立资金;二、签订协议;三、开展培养。');
    expect(paths(nodes)).toEqual(['1', '1.(1)', '1.(2)', '1.(3)', '一', '二', '三']);
    expect(nodes[0].parts.map((p) => p.orig)).toEqual(['我市坚持三个导向。', '(政策法规科)']);
  });

  it('numbers prose-named actions of news-style plans', () => {
    const nodes = outline('实施“铸魂赋能”行动,夯实根基\n加强党的领导。\n实施“供给强能”行动,健全体系\n优化资源供给。');
    expect(paths(nodes)).toEqual(['1', '2']);
    expect(nodes[1].parts.map((p) => p.orig)).toEqual(['实施“供给强能”行动,健全体系', '优化资源供给。']);
  });

  it('puts 壹、 above 一、 (financial numerals, common in traditional documents)', () => {
    expect(paths(outline(['壹、計畫目標', '一、提升就學率。', '貳、執行策略', '一、擴大公共化幼兒園。', '二、補助托育費用。'].join('\n')))).toEqual([
      '壹', '壹.一', '貳', '貳.一', '貳.二',
    ]);
  });

  it('reads single-character numerals', () => {
    expect(readMarker('㈡加强领导')).toMatchObject({ token: '(二)', value: 2 });
    expect(readMarker('⑶抓好落实')).toMatchObject({ token: '(3)', value: 3 });
    expect(readMarker('⒉推进改革')).toMatchObject({ token: '2', value: 2 });
  });
});

describe('parsePlanText', () => {
  it('marks framing sections and parents as headings, finest work items as tasks', () => {
    const plan = parsePlanText(['一、指导思想', '坚持以人民为中心。', '二、主要目标', '1.入园率达到90%。', '三、重点任务', '1.建设幼儿园10所。', '2.培训教师。'].join('\n'));
    expect(plan.items.map((i) => [i.path, i.kind])).toEqual([
      ['一', 'heading'],
      ['二', 'heading'],
      ['二.1', 'heading'],
      ['三', 'heading'],
      ['三.1', 'task'],
      ['三.2', 'task'],
    ]);
    expect(plan.items.find((i) => i.path === '二.1')?.targets).toEqual([]);
  });

  it('passes a heading deadline and attribution down to its items', () => {
    const plan = parsePlanText(['一、2024年重点工作（市教育局牵头）', '1.完成改造。', '2.开展培训。'].join('\n'));
    expect(plan.items[1]).toMatchObject({ deadline: '2024-12-31', departments: { lead: ['市教育局'], support: [] } });
  });

  // The period under (or in) the title is the plan's own period, reported as metadata; the import applies
  // the plan's end date as a default later, so no item may claim it as a deadline.
  it.each([
    ['a full-width period subtitle', ['某县教育提质行动方案', '（2024—2025年）', '一、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。', '二、保障措施', '1.加强组织领导。']],
    ['a half-width period subtitle after blank lines', ['某县教育提质行动方案', '', '(2023—2025年)', '', '一、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。']],
    ['a period in the title line itself', ['某县教育提质行动方案（2024—2025年）', '一、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。']],
    ['a one-year title', ['2024年某县教育工作要点', '一、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。']],
    ['a period subtitle under a title the parser does not recognise', ['某县教育提质三年攻坚', '（2024—2025年）', '一、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。']],
    ['a framing section first', ['某县教育提质行动方案', '（2024—2025年）', '一、总体要求', '坚持立德树人。', '二、重点任务', '1.推进学前教育普及。', '2.提升义务教育质量。']],
  ])('gives no item a deadline from the plan’s title or period (%s)', (_case, lines) => {
    const plan = parsePlanText(lines.join('\n'));
    expect(plan.items.length).toBeGreaterThanOrEqual(3);
    for (const item of plan.items) {
      expect({ path: item.path, deadline: item.deadline, deadlineText: item.deadlineText }).toEqual({ path: item.path, deadline: null, deadlineText: null });
      expect(item.text).not.toMatch(/行动方案|工作要点|三年攻坚|\d{4}—\d{4}/);
    }
  });

  it('keeps the period as metadata and a dated list title as the list’s deadline', () => {
    const plan = parsePlanText(
      ['某县教育提质行动方案', '（2024—2025年）', '为推进教育高质量发展，制定本方案。', '2024年要办十件实事', '一、新建幼儿园5所;二、改造食堂10个。'].join('\n'),
    );
    expect(plan.title).toBe('某县教育提质行动方案');
    expect(plan.period).toEqual({ start: 2024, end: 2025 });
    expect(plan.items.filter((i) => i.deadline).map((i) => [i.path, i.deadline])).toEqual([
      ['一', '2024-12-31'],
      ['二', '2024-12-31'],
    ]);
  });

  it('reads the period subtitle under a plan whose title comes from its notice, and gives it to no item', () => {
    const plan = parsePlanText(
      [
        '某县人民政府办公室关于印发某县教育提质行动方案的通知',
        '各乡镇人民政府，县直各部门：',
        '现将《某县教育提质行动方案》印发给你们，请认真贯彻执行。',
        '某县人民政府办公室',
        '2024年3月1日',
        '某县教育提质行动方案',
        '（2024—2025年）',
        '一、重点任务',
        '1.推进学前教育普及。',
        '2.提升义务教育质量。',
      ].join('\n'),
    );
    expect(plan).toMatchObject({ title: '某县教育提质行动方案', issueDate: '2024-03-01', period: { start: 2024, end: 2025 } });
    expect(plan.items.map((i) => [i.path, i.deadline])).toEqual([
      ['一', null],
      ['一.1', null],
      ['一.2', null],
    ]);
  });

  it('leaves a period line under a numbered item to that item', () => {
    const plan = parsePlanText(['某县教育提质行动方案', '一、重点任务', '1.完成校舍改造', '（2024—2025年）', '2.提升义务教育质量。'].join('\n'));
    expect(plan.items[1]).toMatchObject({ path: '一.1', deadline: '2025-12-31', deadlineText: '2024—2025年' });
    expect(plan.items[2]).toMatchObject({ path: '一.2', deadline: null });
  });

  it('joins lines a web page wrapped mid-sentence, but not a heading and its paragraph', () => {
    const plan = parsePlanText(
      ['一、重点任务', '1.推进学前教育普及普惠。实施公办幼儿园扩充工程,逐步提升公办幼儿园占比,到2025', '年底,全市普惠幼儿园在园幼儿占比达到≥85%。'].join('\n'),
    );
    expect(plan.items[1]).toMatchObject({
      title: '推进学前教育普及普惠',
      deadline: '2025-12-31',
      targets: [{ value: 85, unit: '%', comparator: '>=', year: 2025 }],
    });
    expect(plan.items[1].text).not.toContain('\n');
    expect(plan.items[0].title).toBe('重点任务');
  });

  it('files the notice’s own requirements and restarted attachments apart from the plan', () => {
    const plan = parsePlanText(
      [
        '某市人民政府办公室关于印发某市义务教育优质均衡发展行动方案的通知',
        '现将《某市义务教育优质均衡发展行动方案》印发给你们，并提出以下要求：',
        '一、提高思想认识。',
        '二、加强统筹推进。各地要于2024年3月底前制定实施方案。',
        '某市人民政府办公室',
        '2024年1月10日',
        '某市义务教育优质均衡发展行动方案',
        '一、主要目标',
        '到2026年，50%的县通过评估。',
        '二、重点任务',
        '（一）优化学校布局。新建学校10所。（市教育局牵头）',
        '附件1',
        '一、新建学校',
        '（一）A中学。',
      ].join('\n'),
    );
    expect(plan.items.map((i) => i.path)).toEqual(['通知.一', '通知.二', '一', '二', '二.(一)', '附件1.一', '附件1.一.(一)']);
  });

  it('titles an item by the short lead phrase before a colon', () => {
    const plan = parsePlanText(['一、保障措施', '（一）加强组织领导：成立工作专班，每月调度一次。', '（二）牵头单位:市教育局。'].join('\n'));
    expect(plan.items.map((i) => i.title)).toEqual(['保障措施', '加强组织领导', '牵头单位:市教育局']);
  });

  it('rejects text without numbered structure', () => {
    expect(() => parsePlanText('这是一段普通的新闻报道。\n没有任何编号。')).toThrow(/not a plan/);
  });
});
