import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Actor } from '@duban/access';
import { TASK_RULE_IDS } from '@duban/scoring';
import { AssessmentService, assertCommitteeReader, type AssessmentRef } from './assessment.service.js';
import { ScoreQueryService, topDeductions, type ScoreTable } from './score-query.service.js';

const LEDGER_BATCH = 50;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The year's table with its per-rule breakdown, as XLSX (with a 明细 sheet of every line) or CSV (UTF-8 with BOM, opens in Excel). */
@Injectable()
export class ScoreExportService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly queries: ScoreQueryService,
  ) {}

  async export(actor: Actor, year: number, format: 'xlsx' | 'csv', jurisdictionId?: string): Promise<ExportFile> {
    const ref = await this.assessments.resolve(actor, year, jurisdictionId);
    assertCommitteeReader(actor, ref);
    return format === 'xlsx' ? this.xlsx(ref) : this.csv(ref);
  }

  async csv(ref: AssessmentRef): Promise<ExportFile> {
    const table = await this.queries.tableOf(ref);
    const text = [header(table), ...rows(table)].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return {
      fileName: `scores-${table.year}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    };
  }

  async xlsx(ref: AssessmentRef): Promise<ExportFile> {
    const table = await this.queries.tableOf(ref);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('得分');
    sheet.addRow([`${table.jurisdiction.name}${table.year}年度考核（${table.scheme.name} 第${table.scheme.version}版，${table.status === 'finalized' ? '已定稿' : '未定稿'}，截至${table.asOf ?? '-'}）`]);
    sheet.addRow(header(table)).font = { bold: true };
    for (const cells of rows(table)) sheet.addRow(cells);
    const ledger = book.addWorksheet('明细');
    ledger.addRow(['单位', '规则', '分值', '说明', '任务', '事件', '日期', '条目编号']).font = { bold: true };
    // Ledgers are produced from the facts on read: a batch of departments per read.
    const departments = table.groups.flatMap((group) => group.departments);
    for (let start = 0; start < departments.length; start += LEDGER_BATCH) {
      const batch = departments.slice(start, start + LEDGER_BATCH);
      const ledgers = await this.queries.ledgersOf(ref, batch.map((d) => d.departmentId));
      for (const department of batch) {
        for (const line of ledgers.get(department.departmentId)!.lines) {
          ledger.addRow([department.name, line.rule, line.points, line.reason, line.taskId, line.eventId, line.date ?? '', line.key]);
        }
      }
    }
    const body = Buffer.from(await book.xlsx.writeBuffer());
    return { fileName: `scores-${table.year}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
  }
}

function header(table: ScoreTable): string[] {
  return ['考核组', '名次', '单位编码', '单位', '得分', '等次', '基础分', ...TASK_RULE_IDS.map((rule) => table.scheme.ruleLabels[rule] ?? rule), '年度封顶调整', '主要扣分', '说明'];
}

function rows(table: ScoreTable): Array<Array<string | number>> {
  return table.groups.flatMap((group) =>
    group.departments.map((d) => [
      group.name,
      d.rank,
      d.code,
      d.name,
      d.score,
      d.grade,
      d.breakdown.base ?? 0,
      ...TASK_RULE_IDS.map((rule) => d.breakdown[rule] ?? 0),
      d.breakdown['cap.year'] ?? 0,
      topDeductions(d, table.scheme.ruleLabels),
      d.notes.join('；'),
    ]),
  );
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
