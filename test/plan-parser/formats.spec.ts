import { describe, it, expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { chineseNumeral, htmlToLines, parsePlan, type ParsedPlan } from '@duban/plan-parser';
import { buildDocx } from './minimal-docx.js';

const byPath = (plan: ParsedPlan, path: string) => plan.items.find((i) => i.path === path);

const HEADER = ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'];
const ROWS = [
  ['一、推进义务教育优质均衡'],
  ['1', '新建中小学10所，新增学位1.2万个', '市教育局', '市发展改革委、市财政局', '2025年12月底前'],
  ['2', '义务教育巩固率达到99%以上', '市教育局', '各县（市、区）人民政府', '2024年底'],
  ['二、加强教师队伍建设'],
  ['3', '每年培训校长不少于300人次', '市教育局', '市人社局', '每年'],
];

function expectTable(plan: ParsedPlan): void {
  expect(plan.items.map((i) => [i.path, i.kind])).toEqual([
    ['一', 'heading'],
    ['一.1', 'task'],
    ['一.2', 'task'],
    ['二', 'heading'],
    ['二.3', 'task'],
  ]);
  expect(byPath(plan, '一.1')).toMatchObject({
    departments: { lead: ['市教育局'], support: ['市发展改革委', '市财政局'] },
    deadline: '2025-12-31',
    targets: [
      { value: 10, unit: '所', comparator: '=' },
      { value: 12000, unit: '个', comparator: '=' },
    ],
  });
  expect(byPath(plan, '一.2')).toMatchObject({
    departments: { lead: ['市教育局'], support: ['各县（市、区）人民政府'] },
    deadline: '2024-12-31',
    targets: [{ value: 99, unit: '%', comparator: '>=' }],
  });
  expect(byPath(plan, '二.3')).toMatchObject({ recurrence: 'annual', deadline: null, targets: [{ value: 300, unit: '人次', comparator: '>=' }] });
}

describe('task tables in every format', () => {
  it('reads a .csv task table (UTF-8 and GB18030)', async () => {
    const csv = [HEADER, ...ROWS].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
    expectTable(await parsePlan({ bytes: Buffer.from(csv, 'utf8'), fileName: 'tasks.csv' }));
    expectTable(await parsePlan({ bytes: iconv.encode(csv, 'gb18030'), fileName: 'tasks.csv' }));
  });

  it('reads an .xlsx task table with a title row and merged section rows', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('任务分解');
    sheet.addRow(['2024年教育重点任务分解表']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(HEADER);
    for (const r of ROWS) {
      const row = sheet.addRow(r.length === 1 ? [r[0], r[0], r[0], r[0], r[0]] : r);
      if (r.length === 1) sheet.mergeCells(`A${row.number}:E${row.number}`);
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const plan = await parsePlan({ bytes, fileName: 'tasks.xlsx' });
    expectTable(plan);
    expect(plan.title).toBe('2024年教育重点任务分解表');
    expect(plan.period).toEqual({ start: 2024, end: 2024 });
  });

  it('reads a .docx plan with numbered paragraphs and a task table', async () => {
    const bytes = buildDocx([
      '某市教育局关于印发2024年教育重点任务的通知',
      '一、重点任务',
      '（一）推进学前教育普及普惠。到2025年，普惠性幼儿园覆盖率达到92%以上。（市教育局牵头，市财政局配合）',
      '附件：任务分解表',
      { table: [HEADER, ...ROWS] },
    ]);
    const plan = await parsePlan({ bytes, fileName: 'plan.docx' });
    expect(byPath(plan, '一.(一)')).toMatchObject({
      kind: 'task',
      title: '推进学前教育普及普惠',
      departments: { lead: ['市教育局'], support: ['市财政局'] },
      deadline: '2025-12-31',
      targets: [{ value: 92, unit: '%', comparator: '>=' }],
    });
    // The attached table numbers its own sections; its paths go under 附件 so they stay unique.
    expect(byPath(plan, '附件.一.1')?.departments.support).toEqual(['市发展改革委', '市财政局']);
    expect(new Set(plan.items.map((i) => i.path)).size).toBe(plan.items.length);
  });

  it('reads a saved web page (.html), skipping scripts and navigation markup', async () => {
    const html = [
      '<!DOCTYPE html><html><head><title>x</title><script>var a = "一、不是正文";</script></head><body>',
      '<div>首页 &gt; 政策文件</div><p>某市教育局关于印发《某市2024年教育督导工作要点》的通知</p>',
      '<p>一、重点工作</p><p>（一）开展责任督学挂牌督导。每学期督导不少于4次。（督导室牵头，各中小学配合）</p>',
      '<p>（二）完成督导评估。2024年11月底前完成。</p><p>某市教育局<br>2024年1月15日</p></body></html>',
    ].join('');
    const plan = await parsePlan({ bytes: Buffer.from(html, 'utf8'), fileName: 'page.html' });
    expect(plan).toMatchObject({ title: '某市2024年教育督导工作要点', issuers: ['某市教育局'], issueDate: '2024-01-15' });
    expect(plan.items.map((i) => i.path)).toEqual(['一', '一.(一)', '一.(二)']);
    expect(byPath(plan, '一.(一)')).toMatchObject({ recurrence: 'semester', departments: { lead: ['督导室'], support: ['各中小学'] } });
    expect(byPath(plan, '一.(二)')?.deadline).toBe('2024-11-30');
  });

  it('reads a .docx whose numbering is Word automatic numbering', async () => {
    const bytes = buildDocx([
      '某县2024年教育工作要点',
      { list: '总体要求', level: 0 },
      { list: '指导思想。', level: 1 },
      { list: '重点任务', level: 0 },
      { list: '建设学校10所，2024年底前完成。（县教育局牵头，县财政局配合）', level: 1 },
    ]);
    const plan = await parsePlan({ bytes, fileName: 'points.docx' });
    expect(plan.items.map((i) => [i.path, i.kind])).toEqual([
      ['一', 'heading'],
      ['一.(一)', 'heading'],
      ['二', 'heading'],
      ['二.(一)', 'task'],
    ]);
    expect(byPath(plan, '二.(一)')).toMatchObject({
      deadline: '2024-12-31',
      departments: { lead: ['县教育局'], support: ['县财政局'] },
      targets: [{ value: 10, unit: '所', comparator: '=' }],
    });
  });

  it('writes out Word automatic list numbering (mammoth renders it as <ol>/<li>) by level', () => {
    const html =
      '<ol><li>总体要求<ol><li>指导思想</li></ol></li><li>重点任务<ol><li>推进改革。<ol><li>细化方案。</li></ol></li><li>（二）已写明编号的保持原样。</li></ol></li></ol>';
    expect(htmlToLines(html)).toEqual(['一、总体要求', '（一）指导思想', '二、重点任务', '（一）推进改革。', '1.细化方案。', '（二）已写明编号的保持原样。']);
    expect([1, 10, 11, 20, 23].map(chineseNumeral)).toEqual(['一', '十', '十一', '二十', '二十三']);
  });

  it('does not take a table date cell for the signature date', async () => {
    const text = ['某县2024年重点任务清单', '序号', '重点任务', '责任单位', '完成时限', '1', '完成校舍改造', '县教育局', '2024年6月30日', '2', '开展教师培训', '县教育局', '2024年9月1日'].join('\n');
    const plan = await parsePlan({ bytes: Buffer.from(text), fileName: 'list.txt' });
    expect(plan).toMatchObject({ issuers: [], issueDate: null });
    expect(plan.items.map((i) => [i.path, i.deadline])).toEqual([
      ['1', '2024-06-30'],
      ['2', '2024-09-01'],
    ]);
  });

  it('rejects a zip that is neither Word nor Excel, and a broken .docx', async () => {
    await expect(parsePlan({ bytes: Buffer.from('PK\u0003\u0004garbage'), fileName: 'x.zip' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(parsePlan({ bytes: Buffer.from('PK\u0003\u0004garbage'), fileName: 'x.docx' })).rejects.toMatchObject({ code: 'UNDECODABLE' });
  });
});
