import { normalizeText, type SourceLine } from './normalize.js';
import { readMarker } from './numbering.js';

/** Lines that end the running text of an item: page chrome, attachment markers, signatures. */
const CHROME = /^(附件[:\d一二三四五六七八九十]|附件$|附件下载|相关(报道|文件|专题|链接|阅读)|【\s*(关闭|打印)\s*】|打印本页|关闭窗口|扫一扫|分享到|责任编辑|(信息)?来源[:：]|视频[:：]|图解[:：]|网站地图|主办单位|版权所有|.{0,30}公网安备|.{0,30}ICP备|上一篇|下一篇|返回顶部|抄送[:：]|.{2,30}\s*\d{4}年\d{1,2}月\d{1,2}日印发$|【.*】$)/;

const DATE_ONLY = /^(\d{4}|[一二三四五六七八九〇零○]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$/;

export function isDateOnlyLine(norm: string): boolean {
  return DATE_ONLY.test(norm.trim());
}

/** A short, punctuation-free line ending like a body's name: the signature of an issuer. */
export function isOrgNameLine(norm: string): boolean {
  const t = norm.trim();
  return (
    t.length >= 4 &&
    t.length <= 30 &&
    !/[。,;:!?“”《》]/.test(t) &&
    /(办公室|办公厅|人民政府|委员会|政府|局|厅|委|部|院|中心|办|室|会|联|团|处|科|所|站|校|学院|大学|集团|公司)$/.test(t.replace(/\s+/g, ''))
  );
}

export function isChromeLine(norm: string): boolean {
  return CHROME.test(norm.trim());
}

/** Indices of signature blocks: issuer lines directly followed by a date-only line. */
export function signatureLines(lines: SourceLine[], skip: Set<number> = new Set()): Set<number> {
  const result = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    // A date cell of a table flattened one cell per line is not a signature.
    if (skip.has(i) || !isDateOnlyLine(lines[i].norm)) continue;
    result.add(i);
    for (let j = i - 1, seen = 0; j >= 0 && seen < 4; j--) {
      const t = lines[j].norm.trim();
      if (t === '') continue;
      if (skip.has(j) || !isOrgNameLine(t)) break;
      result.add(j);
      seen++;
    }
  }
  return result;
}

/** A subtitle holding only the plan's period: "(2024—2025年)", "(2023-2027)". */
const PERIOD_ONLY = /^\(\s*\d{4}\s*年?\s*[-—–~至到]+\s*\d{4}\s*年?\s*\)$/;

/** An unnumbered line that reads like a title (no sentence punctuation): what a subtitle sits under. */
function isTitleLike(norm: string): boolean {
  const t = norm.trim();
  return t !== '' && t.length <= 80 && !readMarker(t) && !/[。;:!?]/.test(t);
}

/** Where the plan's title starts and the lines it covers (a title wrapped over two lines counts both). */
function titleLineIndices(lines: SourceLine[], title: string | null): number[] {
  if (!title) return [];
  const t = normalizeText(title).replace(/\s+/g, '');
  if (!t) return [];
  const compact = (i: number) => lines[i].norm.replace(/\s+/g, '');
  for (let i = 0; i < lines.length; i++) {
    const n = compact(i);
    if (n === '') continue;
    if (n.startsWith(t) && n.length <= t.length + 15) return [i];
    // 江门市“…工程” / 教育行动方案(2023-2027年): the title wrapped over two lines.
    if (t.startsWith(n) && n.length >= 4) {
      let j = i + 1;
      while (j < lines.length && compact(j) === '') j++;
      if (j < lines.length && (n + compact(j)).startsWith(t) && (n + compact(j)).length <= t.length + 15) return [i, j];
    }
  }
  return [];
}

/**
 * Lines that are the document's metadata, never part of an item: the plan's own title line(s) and a
 * subtitle holding only its period. The period is the plan's (reported as `period`), not a deadline
 * the list below it sets.
 */
export function metadataLines(lines: SourceLine[], title: string | null): Set<number> {
  const result = new Set(titleLineIndices(lines, title));
  for (let i = 0; i < lines.length; i++) {
    if (!PERIOD_ONLY.test(lines[i].norm.trim())) continue;
    let j = i - 1;
    while (j >= 0 && lines[j].norm.trim() === '') j--;
    // Under a numbered item "(2024—2025年)" is that item's own note; under a title it is the subtitle.
    if (j < 0 || result.has(j) || isTitleLike(lines[j].norm)) result.add(i);
  }
  return result;
}

/** The 1-based line number where the plan's own title stands (not the notice that names it), or null. */
export function titleLineNo(lines: SourceLine[], title: string | null): number | null {
  const [first] = titleLineIndices(lines, title);
  return first === undefined ? null : lines[first].no;
}
