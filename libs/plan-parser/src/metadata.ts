import { normalizeText, type SourceLine } from './normalize.js';
import type { PlanPeriod } from './plan.types.js';
import { isDateOnlyLine, isOrgNameLine, signatureLines } from './document-lines.js';
import { parseChineseNumber } from './chinese-numerals.js';
import { looksLikeUnit, splitUnitList } from './departments.js';
import { readMarker } from './numbering.js';
import { columnRole } from './tables.js';
import { maskCitations } from './mask.js';

export interface PlanMetadata {
  title: string | null;
  issuers: string[];
  docNumber: string | null;
  issueDate: string | null;
  period: PlanPeriod | null;
}

const PLAN_WORD = /(方案|规划|计划|意见|要点|办法|措施|纲要|清单|通知|安排|细则|分工|重点任务|工作任务|决定|行动|工程|标准|指南|分解表|任务表|责任表|分工表|清单表|台账)(\(.*\))?$/;
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,12}\s*[〔\[【(]\s*\d{4}\s*[〕\]】)]\s*\d+\s*号/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 2022-05-18, 2022年5月18日, 二〇二三年十月十日, and the garbled 2024327 some sites print. */
export function parseDate(raw: string): string | null {
  const s = raw.replace(/\s+/g, '').replace(/[○]/g, '〇');
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/.exec(s);
  if (m) {
    const [y, mo, d] = [m[1], m[2], m[3]].map((x) => parseChineseNumber(x) ?? 0);
    return validDate(y, mo, d);
  }
  m = /^(\d{4})(\d{2,4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const rest = m[2];
    if (rest.length === 4) return validDate(y, Number(rest.slice(0, 2)), Number(rest.slice(2)));
    if (rest.length === 2) return validDate(y, Number(rest[0]), Number(rest[1]));
    // Seven digits: prefer a one-digit month (2024327 → 3月27日), else a two-digit one.
    return validDate(y, Number(rest[0]), Number(rest.slice(1))) ?? validDate(y, Number(rest.slice(0, 2)), Number(rest[2]));
  }
  return null;
}

/** 2023—2025年 → 2023–2025; 十四五 → 2021–2025; 2024年 → 2024. */
export function parsePeriod(title: string): PlanPeriod | null {
  const range = /(\d{4})\s*年?\s*[-—–~至到]+\s*(\d{4})\s*年?/.exec(title);
  if (range) {
    const start = Number(range[1]);
    const end = Number(range[2]);
    if (end >= start && end - start <= 20) return { start, end };
  }
  const fyp = /(?:“|")?([一二三四五六七八九十]{2,3})五(?:”|")?(?:时期|期间|规划|发展规划|教育|事业|专项|$)/.exec(title);
  if (fyp) {
    const n = parseChineseNumber(fyp[1]);
    // The 3rd five-year plan began in 1966 (after the 1963–65 adjustment); each later one 5 years on.
    if (n && n >= 3 && n <= 20) return { start: 1966 + 5 * (n - 3), end: 1970 + 5 * (n - 3) };
  }
  const one = /(\d{4})\s*年(?:度)?/.exec(title);
  if (one) return { start: Number(one[1]), end: Number(one[1]) };
  return null;
}

/** Where the body starts: the first top-level numbered line or ◆ report (else any numbered line). */
function firstNumberedLine(lines: SourceLine[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*[◆●■★▲]/.test(lines[i].norm)) return i;
    const m = readMarker(lines[i].norm.trim());
    if (m && (m.style === 'cn-dun' || m.style === 'chapter')) return i;
  }
  for (let i = 0; i < lines.length; i++) if (readMarker(lines[i].norm.trim())) return i;
  return lines.length;
}

function origSlice(line: SourceLine, re: RegExp): string | null {
  const m = re.exec(line.norm);
  return m ? line.orig.slice(m.index, m.index + m[0].length) : null;
}

function findTitle(lines: SourceLine[], bodyStart: number): string | null {
  // Table header cells ("重点任务", "牵头单位") sit above the first row but are not a title.
  const pre = lines.slice(0, bodyStart).filter((l) => l.norm.trim() !== '' && columnRole(l.norm) === null);
  // The notice names the plan it issues: 印发《X》的通知 / 《X》已经…同意,现印发 / 出台《X》.
  for (const l of pre) {
    const m =
      /(?:印发|出台|出台了|正式发布)\s*《([^《》]{4,80})》/.exec(l.norm) ??
      /《([^《》]{4,80})》\s*(?:(?:已经|已|经)[^。]{0,40}(?:印发|同意)|印发给)/.exec(l.norm);
    if (m) return l.orig.slice(m.index + m[0].indexOf('《') + 1, m.index + m[0].indexOf('《') + 1 + m[1].length).trim();
  }
  const joined = pre.map((l) => l.norm.trim()).join('');
  const joinedOrig = pre.map((l) => l.orig.trim()).join('');
  const notice = /关于印发\s*(.{4,80}?)\s*的通知/.exec(joined);
  if (notice) {
    const from = notice.index + notice[0].indexOf(notice[1]);
    return joinedOrig.slice(from, from + notice[1].length).trim();
  }
  // The plan's own title line(s) right before the body; a "(2023—2025年)" line belongs to it.
  for (let k = pre.length - 1; k >= 0; k--) {
    const t = pre[k].norm.trim();
    if (/^\(\s*\d{4}.*\)$/.test(t) && k > 0) {
      const prev = pre[k - 1].norm.trim();
      if (PLAN_WORD.test(prev) && prev.length <= 60) return `${pre[k - 1].orig.trim()}${pre[k].orig.trim()}`;
    }
    if (PLAN_WORD.test(t) && t.length <= 60 && !/[。,;:]/.test(t) && !/印发/.test(t) && !isOrgNameLine(t)) {
      // A title wrapped over two lines: 江门市“…工程” / 教育行动方案(2023-2027年).
      const prev = k > 0 ? pre[k - 1].norm.trim() : '';
      if (prev && !/[。,;:]/.test(prev) && prev.length <= 40 && !PLAN_WORD.test(prev) && /[”"]$|[市州县区省]$|工程$/.test(prev)) {
        return `${pre[k - 1].orig.trim()}${pre[k].orig.trim()}`;
      }
      return pre[k].orig.trim();
    }
  }
  return null;
}

function findIssuers(lines: SourceLine[], bodyStart: number, skip: Set<number>): string[] {
  const sigs = [...signatureLines(lines, skip)].sort((a, b) => a - b);
  const issuers: string[] = [];
  for (const i of sigs) {
    if (isDateOnlyLine(lines[i].norm)) {
      if (issuers.length) break;
      continue;
    }
    for (const piece of lines[i].orig.trim().split(/\s+/)) if (piece && !issuers.includes(piece)) issuers.push(piece);
  }
  if (issuers.length) return issuers;
  for (const l of lines.slice(0, Math.max(bodyStart, 10))) {
    const m = /(?:发布机构|发文机关|发文单位|制发机关|来源)\s*[:]\s*(\S+(?:\s+\S+)*?)(?=\s{1,}\S+\s*[:]|\s*$)/.exec(l.norm);
    if (m && /发布机构|发文机关|发文单位|制发机关/.test(m[0])) {
      const text = l.orig.slice(m.index + m[0].indexOf(m[1]), m.index + m[0].indexOf(m[1]) + m[1].length);
      return text.split(/[\s、,，]+/).filter((x) => x);
    }
  }
  // News reports: "市委办、市政府办出台《…》".
  for (const l of lines.slice(0, Math.max(bodyStart, 10))) {
    const m = /([^,:;。]{2,60}?)(?:联合)?(?:出台|印发|制定|发布)(?:了)?《/.exec(l.norm);
    if (!m) continue;
    const start = m.index;
    const list = { orig: l.orig.slice(start, start + m[1].length), norm: m[1] };
    const names = splitUnitList(list).filter((p) => looksLikeUnit(p.norm) || /(委办|政府办|办)$/.test(p.norm));
    if (names.length) return names.map((n) => n.orig.trim());
  }
  return [];
}

function findDocNumber(lines: SourceLine[], bodyStart: number): string | null {
  for (const l of lines.slice(0, bodyStart)) {
    const field = /(?:文号|发文字号|索引号?)\s*[:]\s*/.exec(l.norm);
    if (field && /文号|发文字号/.test(field[0])) {
      const rest = { no: l.no, orig: l.orig.slice(field.index + field[0].length), norm: l.norm.slice(field.index + field[0].length) };
      const v = origSlice(rest, DOC_NUMBER);
      if (v) return v.trim();
    }
  }
  for (const l of lines.slice(0, bodyStart)) {
    const t = l.norm.trim();
    const m = DOC_NUMBER.exec(t);
    if (m && m[0].length >= t.length - 2) return origSlice(l, DOC_NUMBER)?.trim() ?? null;
  }
  return null;
}

function findIssueDate(lines: SourceLine[], bodyStart: number, skip: Set<number>): string | null {
  for (const l of lines.slice(0, Math.max(bodyStart, 10))) {
    const m = /(?:成文日期|成文时间|发文日期)\s*[:]\s*([\d年月日\-./]+|[〇零一二三四五六七八九十年月日]+)/.exec(l.norm);
    if (m) {
      const d = parseDate(m[1]);
      if (d) return d;
    }
  }
  const sigs = [...signatureLines(lines, skip)].sort((a, b) => a - b);
  for (const i of sigs) if (isDateOnlyLine(lines[i].norm)) return parseDate(lines[i].norm.trim());
  return null;
}

/** The plan's name without a trailing period note such as (2023—2025年): the period is reported apart. */
export function stripPeriodSuffix(title: string): string {
  const stripped = title.replace(/\s*[(（]\s*\d{4}\s*年?\s*[-—–~至到－]+\s*\d{4}\s*年?\s*[)）]\s*$/, '').trim();
  return stripped || title;
}

/**
 * The year "今年" refers to in an undated text: a year stated next to it ("2024年…要办十件要事 /
 * 今年是…首年").
 */
export function currentYearOf(lines: SourceLine[]): number | null {
  for (let i = 0; i < lines.length; i++) {
    if (!/今年|本年度/.test(lines[i].norm)) continue;
    for (let j = i; j >= Math.max(0, i - 3); j--) {
      const m = /(\d{4})\s*年/.exec(maskCitations(lines[j].norm));
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/**
 * A plan whose title states no period runs from its issue (or current) year to the latest goal
 * year it sets ("到2027年").
 */
function periodFromGoals(lines: SourceLine[], startYear: number | null): PlanPeriod | null {
  if (startYear === null) return null;
  let end = 0;
  for (const l of lines) {
    for (const m of maskCitations(l.norm).matchAll(/(?:到|至)\s*(\d{4})\s*年/g)) end = Math.max(end, Number(m[1]));
  }
  return end >= startYear && end - startYear <= 15 ? { start: startYear, end } : null;
}

/** A bracketed period and nothing else: (2024—2025年), (2024年). Not (2019年修订). */
const PERIOD_NOTE = /^\(\s*\d{4}\s*年?\s*(?:[-—–~至到－]+\s*\d{4}\s*年?\s*)?\)$/;

const compact = (text: string) => text.replace(/\s+/g, '');

/**
 * The period printed with the plan's own title line above the body, when the title was taken from
 * elsewhere (the notice 关于印发…的通知 names the plan without its period): the title line followed
 * by a (2024—2025年) line, blank lines between allowed, or the title line ending in one.
 */
function periodUnderTitle(lines: SourceLine[], bodyStart: number, title: string): PlanPeriod | null {
  const wanted = compact(normalizeText(title));
  const pre = lines.slice(0, bodyStart).filter((l) => l.norm.trim() !== '');
  for (let k = 0; k < pre.length; k++) {
    const line = compact(pre[k].norm);
    if (!line.startsWith(wanted)) continue;
    const rest = line.slice(wanted.length);
    const note = rest === '' ? (pre[k + 1] ? compact(pre[k + 1].norm) : '') : rest;
    if (PERIOD_NOTE.test(note)) return parsePeriod(note);
  }
  return null;
}

/** `tableLines`: indices of lines that belong to task tables (their cells are not signatures or titles). */
export function extractMetadata(lines: SourceLine[], tableLines: Set<number> = new Set()): PlanMetadata {
  const bodyStart = firstNumberedLine(lines);
  const fullTitle = findTitle(lines, bodyStart);
  const issueDate = findIssueDate(lines, bodyStart, tableLines);
  const titlePeriod = fullTitle ? (parsePeriod(normalizeText(fullTitle)) ?? periodUnderTitle(lines, bodyStart, fullTitle)) : null;
  const startYear = issueDate ? Number(issueDate.slice(0, 4)) : currentYearOf(lines);
  return {
    title: fullTitle ? stripPeriodSuffix(fullTitle) : null,
    issuers: findIssuers(lines, bodyStart, tableLines),
    docNumber: findDocNumber(lines, bodyStart),
    issueDate,
    period: titlePeriod ?? (fullTitle ? periodFromGoals(lines, startYear) : null),
  };
}
