import { parseChineseNumber } from './chinese-numerals.js';
import { maskCitations } from './mask.js';
import type { Recurrence } from './plan.types.js';
import type { TextSpan } from './text-span.js';

export interface DeadlineContext {
  /** The plan's issue date (YYYY-MM-DD): "N年内" counts from it, "年底前" means its year. */
  issueDate: string | null;
  /** The year undated phrases ("6月底前", "今年") refer to, when there is no issue date. */
  referenceYear: number | null;
}

export interface Deadline {
  date: string;
  text: string;
}

const NUM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const YEAR = '(\\d{4}|[〇零○一二三四五六七八九]{4})';
const LEAD = '(?:(?:到|至|于|在|截至|截止|力争|争取|力争到|争取到|计划)\\s*)?';
const TAIL = '(?:\\s*(?:前|以前|之前))?';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function monthEnd(y: number, m: number): string {
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

function num(s: string | undefined): number | null {
  return s === undefined ? null : parseChineseNumber(s.replace(/[○]/g, '〇'));
}

/** The date a period phrase after a year ends on: 上半年 → 06-30, 第三季度 → 09-30, 6月底 → 06-30. */
function resolve(y: number, rest: string): string | null {
  const r = rest.replace(/\s+/g, '');
  if (r.startsWith('上半年')) return iso(y, 6, 30);
  if (r.startsWith('下半年')) return iso(y, 12, 31);
  const q = /^第?([一二三四1-4])季度/.exec(r);
  if (q) return monthEnd(y, (num(q[1]) ?? 4) * 3);
  const md = new RegExp(`^(${NUM})月(?:(${NUM})日|(上旬|中旬|下旬))?`).exec(r);
  if (md) {
    const m = num(md[1]);
    if (m === null || m < 1 || m > 12) return null;
    if (md[2]) {
      const d = num(md[2]);
      return d && d <= 31 ? iso(y, m, d) : null;
    }
    if (md[3] === '上旬') return iso(y, m, 10);
    if (md[3] === '中旬') return iso(y, m, 20);
    return monthEnd(y, m);
  }
  return iso(y, 12, 31);
}

const DATED = new RegExp(
  `${LEAD}${YEAR}\\s*年(?:度)?((?:\\s*(?:上半年|下半年|第?[一二三四1-4]季度|${NUM}\\s*月(?:\\s*${NUM}\\s*日|上旬|中旬|下旬)?))?(?:\\s*(?:年?底|年?末))?)${TAIL}`,
  'g',
);
const MONTH_WINDOW = new RegExp(`${LEAD}${YEAR}\\s*年\\s*(${NUM})\\s*月份?\\s*[-—–~至到]+\\s*(${NUM})\\s*月份?(?:底|末)?${TAIL}`, 'g');
const WINDOW = new RegExp(`${LEAD}${YEAR}\\s*年?\\s*[-—–~至到]+\\s*${YEAR}\\s*年(?:底|末)?${TAIL}`, 'g');
// A year that starts something ("2018年秋季入学", "2023年以来") or is a date of something past.
const NOT_A_DEADLINE_AFTER = /^(?:以来|起|开始|秋季|春季|入学|的|届|版|以后|后)/;
/** Dates written with digits only, as task tables often do: 2024.12, 2024-06-30, 2024/6. */
const NUMERIC = /(?<![\d.])(\d{4})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{1,2}))?(?![\d.%])(?:\s*(?:前|以前|之前|底))?/g;
const WITHIN_YEARS = /(\d{1,2}|[一二三四五六七八九十两]{1,2})\s*年内/g;
const UNDATED = new RegExp(`${LEAD}(今年|本年|明年|年内)?(?:(上半年|下半年|第?[一二三四]季度|${NUM}\\s*月(?:\\s*${NUM}\\s*日|上旬|中旬|下旬)?)\\s*(?:底|末)?|(?:年底|年末)|(?<=年内)(?=完成|实现|建成|出台|落实))${TAIL}`, 'g');

interface Candidate {
  date: string;
  index: number;
  length: number;
}

/** Every deadline the text states, in text order. */
export function findDeadlines(text: TextSpan, ctx: DeadlineContext): Deadline[] {
  const norm = maskCitations(text.norm);
  const found: Candidate[] = [];
  // Characters already read as part of a date, so a later pattern does not read them again.
  const coveredMask = new Uint8Array(norm.length + 1);
  const covered = { push: ([a, b]: [number, number]) => coveredMask.fill(1, a, b) };
  const isCovered = (i: number) => coveredMask[i] === 1;
  const minYear = ctx.issueDate ? Number(ctx.issueDate.slice(0, 4)) : (ctx.referenceYear ?? 0) - 1;

  for (const m of norm.matchAll(WINDOW)) {
    const end = num(m[2]);
    if (end === null || end < 1990 || end > 2100) continue;
    found.push({ date: iso(end, 12, 31), index: m.index, length: m[0].length });
    covered.push([m.index, m.index + m[0].length]);
  }
  // "2024年3月—4月": a window within (or into the next) year ends with its last month.
  for (const m of norm.matchAll(MONTH_WINDOW)) {
    const y = num(m[1]);
    const from = num(m[2]);
    const to = num(m[3]);
    if (y === null || from === null || to === null || y < minYear || from < 1 || from > 12 || to < 1 || to > 12) continue;
    found.push({ date: monthEnd(to < from ? y + 1 : y, to), index: m.index, length: m[0].length });
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of norm.matchAll(DATED)) {
    if (isCovered(m.index)) continue;
    const y = num(m[1]);
    if (y === null || y < 1990 || y > 2100) continue;
    const rest = norm.slice(m.index + m[0].length, m.index + m[0].length + 8);
    // "2024年秋季学期前" / "春季开学前": the term starts in September / March.
    const term = /^(秋季|春季)(?:学期|开学)?(?:前|之前|以前)/.exec(rest);
    if (term && y >= minYear) {
      found.push({ date: term[1] === '秋季' ? iso(y, 8, 31) : monthEnd(y, 2), index: m.index, length: m[0].length + term[0].length });
      covered.push([m.index, m.index + m[0].length + term[0].length]);
      continue;
    }
    if (NOT_A_DEADLINE_AFTER.test(rest)) continue;
    if (y < minYear) continue;
    const date = resolve(y, m[2] ?? '');
    if (!date) continue;
    found.push({ date, index: m.index, length: m[0].length });
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of norm.matchAll(NUMERIC)) {
    if (isCovered(m.index)) continue;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || y < minYear) continue;
    const d = m[3] ? Number(m[3]) : null;
    const date = d ? (d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() ? iso(y, mo, d) : null) : monthEnd(y, mo);
    if (!date) continue;
    found.push({ date, index: m.index, length: m[0].length });
    covered.push([m.index, m.index + m[0].length]);
  }
  const baseYear = ctx.issueDate ? Number(ctx.issueDate.slice(0, 4)) : ctx.referenceYear;
  if (baseYear) {
    for (const m of norm.matchAll(WITHIN_YEARS)) {
      const before = norm.slice(Math.max(0, m.index - 1), m.index);
      const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 2);
      // "新任教师,5年内须…" or "教研员3年内蹲点" are rules for a person's career, not deadlines.
      if (before && !/[。;,:\s]/.test(before)) continue;
      if (/^(须|应|必须|要|不得)/.test(after)) continue;
      const n = num(m[1]);
      if (!n || n > 20) continue;
      let date: string;
      if (ctx.issueDate) {
        const [y, mo, d] = ctx.issueDate.split('-').map(Number);
        date = mo === 2 && d === 29 ? iso(y + n, 2, 28) : iso(y + n, mo, d);
      } else {
        // Only the year is known: the window closes at the end of year + N.
        date = iso(baseYear + n, 12, 31);
      }
      found.push({ date, index: m.index, length: m[0].length });
    }
  }
  const refYear = ctx.issueDate ? Number(ctx.issueDate.slice(0, 4)) : ctx.referenceYear;
  if (refYear) {
    for (const m of norm.matchAll(UNDATED)) {
      if (isCovered(m.index) || isCovered(m.index + m[0].length - 1)) continue;
      const prev = norm.slice(Math.max(0, m.index - 1), m.index);
      if (/[\d年]/.test(prev)) continue;
      const phrase = m[0].replace(/^(到|至|于|在|截至|截止|力争|争取|计划)+/, '');
      // A bare month ("3月") without 底/前 is too weak to be a deadline.
      if (!/(底|末|前|半年|季度|日|旬|年内)/.test(phrase)) continue;
      const y = m[1] === '明年' ? refYear + 1 : refYear;
      const date = m[2] ? resolve(y, m[2]) : iso(y, 12, 31);
      if (date) found.push({ date, index: m.index, length: m[0].length });
    }
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map((c) => ({ date: c.date, text: text.orig.slice(c.index, c.index + c.length).trim() }));
}

/** A table's 完成时限 cell that names a cadence instead of a date: 长期 / 持续推进 / 每年. */
export function cadenceOfCell(cell: TextSpan): Recurrence | null {
  const t = cell.norm.replace(/\s+/g, '');
  if (/^长期(坚持|推进)?$/.test(t)) return 'long-term';
  if (/^(持续|持续推进|持续开展|常态化|常态化推进)$/.test(t)) return 'ongoing';
  return findRecurrence(cell);
}

/** Several dates in one item: the item is done when the last of them is met. */
export function findDeadline(text: TextSpan, ctx: DeadlineContext): Deadline | null {
  let best: Deadline | null = null;
  for (const d of findDeadlines(text, ctx)) if (!best || d.date >= best.date) best = d;
  return best;
}

const RECURRENCE: [RegExp, Recurrence][] = [
  [/每学期|每个学期/g, 'semester'],
  [/每年|每学年|每一年|年年|每个年度|逐年/g, 'annual'],
  [/每季度|每个季度|按季度/g, 'quarterly'],
  [/每月|每个月|按月/g, 'monthly'],
  [/每周|每星期/g, 'weekly'],
  [/长期坚持/g, 'long-term'],
  // Keep carrying out an activity; 持续提升/深化 describe manner, not cadence.
  [/持续推进|持续开展/g, 'ongoing'],
];

/** The cadence the text states; with several, the most frequent (then the first) wins. */
export function findRecurrence(text: TextSpan): Recurrence | null {
  const norm = maskCitations(text.norm);
  let best: { count: number; at: number; r: Recurrence } | null = null;
  for (const [re, r] of RECURRENCE) {
    const hits = [...norm.matchAll(re)];
    if (hits.length === 0) continue;
    const cand = { count: hits.length, at: hits[0].index, r };
    if (!best || cand.count > best.count || (cand.count === best.count && cand.at < best.at)) best = cand;
  }
  return best?.r ?? null;
}
