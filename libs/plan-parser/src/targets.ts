import { parseChineseNumber } from './chinese-numerals.js';
import { maskCitations } from './mask.js';
import type { Comparator, PlanTarget } from './plan.types.js';
import type { TextSpan } from './text-span.js';

const PRE = '(≥|≤|不少于|不低于|不超过|不高于|至少|超过|突破|高于|低于|达到|达|提高到|提升到|提高至|提升至|增加到|增长到|增至|降至|降到|降低到|减少到|控制在|保持在|稳定在)?';
const VALUE = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千]+)';
const RANGE = '(?:\\s*[-~—至到]\\s*(\\d+(?:\\.\\d+)?))?';
const UNIT =
  '(%|‰|/10万|/万|个百分点|万人次|万人|人次|万个|万名|万所|万平方米|平方米|万元|亿元|个|所|名|人|间|项|家|条|支|座|套|台|次|件|场|户|处|门|种|类|本|节|学时|小时|亩|公里|千米|张|册|部|期|届)';
const POST = '(及以上|以上|以内|以下|之内|左右)?';
const QUANTITY = new RegExp(`${PRE}\\s*${VALUE}${RANGE}\\s*(余|多)?\\s*${UNIT}\\s*${POST}`, 'g');

const COMPARATOR_WORDS: [RegExp, Comparator][] = [
  [/^(≥|不少于|不低于|至少|达到|达|提高到|提升到|提高至|提升至|增加到|增长到|增至|保持在|稳定在)$/, '>='],
  [/^(超过|突破|高于)$/, '>'],
  [/^(≤|不超过|不高于|低于|降至|降到|降低到|减少到|控制在)$/, '<='],
];

function fromWord(word: string): Comparator | null {
  for (const [re, c] of COMPARATOR_WORDS) if (re.test(word)) return c;
  return null;
}

/** A comparator stated earlier in the same clause: "不少于活动总量的80%", "实现…配备率100%". */
function lookBack(segment: string, isRate: boolean): Comparator | null {
  const words = [...segment.matchAll(/不少于|不低于|至少|不超过|超过|突破|降至|降到|控制在|保持在|稳定在|达到|达|实现/g)];
  const last = words.at(-1)?.[0];
  if (!last) return null;
  if (last === '实现') return isRate ? '>=' : null;
  return fromWord(last);
}

/** Sizes that describe what something is ("56人以上大班额") rather than a goal. */
const DESCRIPTIVE_UNITS = new Set(['人', '名', '平方米', '万人', '学时']);
const MONEY = new Set(['万元', '亿元']);
/** A count right after these names a set that already exists ("推进全市7所示范校建设"). */
const EXISTING_SET = /(全市|全州|全县|全区|全省|全盟|推进|推动)$/;
/** What precedes the goal itself: list joiners and time phrases (the target's text starts after them). */
const TEXT_NOISE = /^(?:[、和及与并且,\s]|(?:到|至)?\d{4}年(?:底|末)?(?:前)?|力争|争取|确保)+/;
/** The indicator also drops the scope and the verb: 全市…占比达到 → 占比. */
const INDICATOR_NOISE = /^(?:全市|全州|全省|全县|全区|实现|使)+/;

/** Money counts when the item commits to spending it (投入/筹措/安排), not as a subsidy rate per head. */
function isCommittedAmount(clauseBefore: string): boolean {
  return /(投入|筹措|筹集|安排|完成投资|总投资|计划投资)/.test(clauseBefore) && !/(补助|补贴|奖补|奖励|标准|每)/.test(clauseBefore);
}

function isRateUnit(unit: string): boolean {
  return unit === '%' || unit === '‰' || unit.startsWith('/') || unit === '个百分点';
}

/** 万 and 亿 are multiplied out; the unit keeps the document's own characters (萬人次 → 人次). */
function scale(value: number, normUnit: string, origUnit: string): { value: number; unit: string } {
  if (normUnit === '亿元') return { value: Math.round(value * 1e8), unit: origUnit.slice(1) };
  if (normUnit.startsWith('万') && normUnit.length > 1) return { value: Math.round(value * 10000 * 1000) / 1000, unit: origUnit.slice(1) };
  return { value, unit: origUnit };
}

interface Found {
  at: number;
  target: PlanTarget;
  /** Where the comparator came from: a list may share a leading qualifier, never a trailing one. */
  shared: boolean;
}

export interface TargetOptions {
  /**
   * The text reports work done (a 工作简报 of ◆ items): only figures still to be reached count,
   * i.e. clauses that say 力争, 争创, 计划, 预计, 申报 ….
   */
  forwardOnly?: boolean;
}

const FORWARD = /力争|争取|争创|计划|预计|拟|目标|申报|确保/;

/** Quantified outcomes the item commits to: rates, counts and amounts to reach. */
export function findTargets(text: TextSpan, defaultYear: number | null, options: TargetOptions = {}): PlanTarget[] {
  const norm = maskCitations(text.norm);
  const found: Found[] = [];
  // Sentence starts and year mentions, walked with the quantities (both in text order): linear time.
  const sentenceStarts: number[] = [0];
  for (let i = 0; i < norm.length; i++) if (/[。;\n]/.test(norm[i])) sentenceStarts.push(i + 1);
  const yearMentions = [...norm.matchAll(/(\d{4})\s*年/g)].map((y) => ({ at: y.index, year: Number(y[1]) }));
  let sentenceIdx = 0;
  let yearIdx = -1;
  let lastEnd = 0;
  let lastClause = -1;
  for (const m of norm.matchAll(QUANTITY)) {
    const [whole, pre, rawValue, rangeHigh, approx, unit, post] = m;
    const start = m.index;
    const end = start + whole.length;
    let clauseStart = start;
    while (clauseStart > 0 && !/[,;。:!?\n]/.test(norm[clauseStart - 1])) clauseStart--;
    const sameClause = clauseStart === lastClause && lastEnd > clauseStart;
    const segStart = sameClause ? lastEnd : clauseStart;
    const segment = norm.slice(segStart, start);
    const prevEnd = lastEnd;
    lastEnd = end;
    lastClause = clauseStart;
    const value = parseChineseNumber(rawValue);
    const before = norm.slice(Math.max(0, start - 1), start);
    const after = norm.slice(end, end + 1);
    if (value === null) continue;
    if (/[\d.第每约]/.test(before)) continue;
    if (after === '的' || after === '年') continue;
    // Chinese numerals in prose ("三个导向", "一所学校") name things; goals say 达到十个 or 各一小时.
    if (!/\d/.test(rawValue) && !pre && before !== '各') continue;
    if (MONEY.has(unit) && !pre && !isCommittedAmount(norm.slice(clauseStart, start))) continue;
    // "200余万元", "20余个": a rounded report of what exists, not a figure to reach.
    if (approx) continue;
    // "等7个方面": counting the categories just listed.
    if (/^(方面|领域|环节|类别|维度|问题|部分)/.test(norm.slice(end))) continue;
    if ((post === '以上' || post === '以下') && DESCRIPTIVE_UNITS.has(unit) && after !== '' && !/[,;。、和及\n)]/.test(after)) continue;
    if (options.forwardOnly) {
      let clauseEnd = end;
      while (clauseEnd < norm.length && !/[,;。\n]/.test(norm[clauseEnd])) clauseEnd++;
      if (!FORWARD.test(norm.slice(clauseStart, clauseEnd))) continue;
    }
    // "由…等5所学校牵头": the agent of the sentence, not something to reach.
    if (/^\s*由/.test(norm.slice(clauseStart, start))) continue;
    if (!pre && EXISTING_SET.test(norm.slice(clauseStart, start).trimEnd())) continue;

    const isRate = unit === '%' || unit === '‰' || unit.startsWith('/') || unit === '个百分点';
    let comparator: Comparator | null = null;
    let shared = false;
    if (post === '以上' || post === '及以上') comparator = '>=';
    else if (post === '以内' || post === '以下' || post === '之内') comparator = '<=';
    else if (post === '左右') comparator = '~';
    else if (approx) comparator = '>';
    else if (rangeHigh) comparator = '>=';
    else if (pre) {
      comparator = fromWord(pre);
      shared = true;
    } else {
      comparator = lookBack(segment, isRate);
      shared = comparator !== null;
      // "不少于10个集团和20个示范区": a list shares its leading qualifier.
      const prev = found.at(-1);
      if (!comparator && prev?.shared && sameClause && prevEnd === segStart && /[、和及与]/.test(segment)) {
        comparator = prev.target.comparator;
        shared = true;
      }
    }

    while (sentenceIdx + 1 < sentenceStarts.length && sentenceStarts[sentenceIdx + 1] <= start) sentenceIdx++;
    while (yearIdx + 1 < yearMentions.length && yearMentions[yearIdx + 1].at < start) yearIdx++;
    const lastYear = yearIdx >= 0 ? yearMentions[yearIdx] : null;
    const year = lastYear && lastYear.at >= sentenceStarts[sentenceIdx] ? lastYear.year : defaultYear;
    const lead = TEXT_NOISE.exec(norm.slice(segStart, start))?.[0].length ?? 0;
    const indicatorLead = lead + (INDICATOR_NOISE.exec(norm.slice(segStart + lead, start))?.[0].length ?? 0);
    const indicator = text.orig
      .slice(segStart + indicatorLead, start)
      .trim()
      .replace(/(达到|达|为|实现|提高到|提升到)$/, '');
    const unitStart = start + whole.lastIndexOf(unit);
    const scaled = scale(value, unit, text.orig.slice(unitStart, unitStart + unit.length));
    found.push({
      at: start,
      target: {
        indicator,
        value: scaled.value,
        unit: scaled.unit === '％' ? '%' : scaled.unit,
        comparator: comparator ?? '=',
        year: year ?? null,
        text: text.orig.slice(segStart + lead, end).trim(),
      },
      shared,
    });
  }
  return [...found.map((f) => ({ at: f.at, target: f.target })), ...chineseRates(text, norm, defaultYear)]
    .sort((a, b) => a.at - b.at)
    .map((f) => f.target);
}

const CN_RATE = new RegExp(`${PRE}\\s*(百分之[一二三四五六七八九十百零〇点]+|[一二三四五六七八九十]分之[一二三四五六七八九十]|一半)\\s*${POST}`, 'g');

/** Rates written in words (百分之八十, 三分之二, 一半): goals only with a comparator (达到一半以上). */
function chineseRates(text: TextSpan, norm: string, defaultYear: number | null): { at: number; target: PlanTarget }[] {
  const out: { at: number; target: PlanTarget }[] = [];
  for (const m of norm.matchAll(CN_RATE)) {
    const [whole, pre, phrase, post] = m;
    if (!pre && !post) continue;
    let value: number | null = null;
    if (phrase === '一半') value = 50;
    else if (phrase.startsWith('百分之')) {
      const [int, dec] = phrase.slice(3).split('点');
      const i = parseChineseNumber(int);
      const d = dec ? [...dec].map((c) => parseChineseNumber(c) ?? 0).join('') : '';
      value = i === null ? null : Number(d ? `${i}.${d}` : i);
    } else {
      const [den, numer] = phrase.split('分之').map((x) => parseChineseNumber(x));
      value = den && numer !== null ? Math.round((numer / den) * 1000) / 10 : null;
    }
    if (value === null) continue;
    let clauseStart = m.index;
    while (clauseStart > 0 && !/[,;。:!?\n]/.test(norm[clauseStart - 1])) clauseStart--;
    const comparator = post === '以上' || post === '及以上' ? '>=' : post === '以内' || post === '以下' || post === '之内' ? '<=' : post === '左右' ? '~' : (fromWord(pre ?? '') ?? '=');
    out.push({
      at: m.index,
      target: {
        indicator: text.orig.slice(clauseStart, m.index).trim().replace(/^(全市|全州|全省|全县|全区)/, ''),
        value,
        unit: '%',
        comparator,
        year: defaultYear,
        text: text.orig.slice(clauseStart, m.index + whole.length).trim(),
      },
    });
  }
  return out;
}
