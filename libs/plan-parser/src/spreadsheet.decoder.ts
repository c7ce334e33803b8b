import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PlanParseError } from './plan-parse.error.js';

/** One row of a task table as a `cell | cell` line; the table reader downstream handles both sources alike. */
function rowToLine(cells: string[]): string {
  return cells.map((c) => c.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '｜').trim()).join(' | ');
}

export function csvToText(text: string): string {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new PlanParseError('UNDECODABLE', `.csv could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  return rows.map(rowToLine).join('\n');
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) {
    // Excel stores calendar dates as UTC midnight; keep the calendar day as written.
    return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  }
  return cell.text ?? '';
}

export async function xlsxToText(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new PlanParseError('UNDECODABLE', `.xlsx could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  const lines: string[] = [];
  wb.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
      // Merged section rows repeat the same text in every cell: keep it once.
      const distinct = new Set(cells.filter((x) => x.trim() !== ''));
      lines.push(distinct.size === 1 && cells.length > 1 ? [...distinct][0] : rowToLine(cells));
    });
  });
  return lines.join('\n');
}
