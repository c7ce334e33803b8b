import { parseChineseNumber } from './chinese-numerals.js';

/** The numbering styles of Chinese official documents, from 第一章 down to ①. */
export type NumberingStyle = 'chapter' | 'section' | 'cn-formal' | 'cn-dun' | 'cn-paren' | 'ar-dot' | 'ar-dun' | 'ar-paren' | 'ar-half' | 'circled';

export interface NumberingMarker {
  style: NumberingStyle;
  /** The path token: 一, (一), 1, (1), ①, 第一章. */
  token: string;
  value: number;
  /** Length of the marker including following spaces, in the normalized text. */
  length: number;
}

const CN = '[一二三四五六七八九十百零〇]{1,4}';

const PATTERNS: { style: NumberingStyle; re: RegExp; token: (m: RegExpExecArray) => string }[] = [
  { style: 'chapter', re: new RegExp(`^第(${CN}|\\d{1,3})(章|部分|篇)\\s*`), token: (m) => `第${m[1]}${m[2]}` },
  { style: 'section', re: new RegExp(`^第(${CN}|\\d{1,3})节\\s*`), token: (m) => `第${m[1]}节` },
  // Financial numerals (壹、贰、参、) head the top level in some documents, with 一、 below them.
  { style: 'cn-formal', re: /^([壹贰叁参肆伍陆柒捌玖拾]{1,3})\s*、\s*/, token: (m) => m[1] },
  { style: 'cn-dun', re: new RegExp(`^(${CN})\\s*(?:、|\\.(?!\\d))\\s*`), token: (m) => m[1] },
  { style: 'cn-paren', re: new RegExp(`^\\(\\s*(${CN})\\s*\\)\\s*`), token: (m) => `(${m[1]})` },
  { style: 'ar-paren', re: /^\(\s*(\d{1,3})\s*\)\s*/, token: (m) => `(${m[1]})` },
  // "1.5亿" is a number, but "1.2024年底前…" is item 1 starting with a year.
  { style: 'ar-dot', re: /^(\d{1,3})\s*[.](?:(?=\d{4}\s*年)|(?![\d.]))\s*/, token: (m) => m[1] },
  { style: 'ar-dun', re: /^(\d{1,3})\s*、\s*/, token: (m) => m[1] },
  { style: 'ar-half', re: /^(\d{1,3})\)\s*/, token: (m) => `${m[1]})` },
  { style: 'circled', re: /^([\u2460-\u2473])\s*/, token: (m) => m[1] },
  // Single-character forms some word processors produce: ㈠ (cn-paren), ⑴ (ar-paren), ⒈ (ar-dot).
  { style: 'cn-paren', re: /^([\u3220-\u3229])\s*/, token: (m) => `(${'一二三四五六七八九十'[m[1].charCodeAt(0) - 0x3220]})` },
  { style: 'ar-paren', re: /^([\u2474-\u2487])\s*/, token: (m) => `(${m[1].charCodeAt(0) - 0x2474 + 1})` },
  { style: 'ar-dot', re: /^([\u2488-\u249b])\s*/, token: (m) => String(m[1].charCodeAt(0) - 0x2488 + 1) },
];

/** The numeric value of a single-character numeral (①, ㈠, ⑴, ⒈), or null. */
function singleCharValue(c: string): number | null {
  const code = c.charCodeAt(0);
  for (const base of [0x2460, 0x3220, 0x2474, 0x2488]) {
    const span = base === 0x3220 ? 10 : 20;
    if (code >= base && code < base + span) return code - base + 1;
  }
  return null;
}

/** Reads the numbering marker at the start of a normalized line, if any. */
export function readMarker(norm: string, orig?: string): NumberingMarker | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(norm);
    if (!m) continue;
    // The path token keeps the numeral as written (貳, not 贰); the brackets are always ASCII.
    const written = [...m] as unknown as RegExpExecArray;
    if (orig !== undefined) {
      const at = m[0].indexOf(m[1]);
      written[1] = orig.slice(at, at + m[1].length);
    }
    const value =
      p.style === 'cn-formal'
        ? parseChineseNumber(m[1].replace(/参/g, '叁'))
        : m[1].length === 1 && singleCharValue(m[1]) !== null
          ? singleCharValue(m[1])
          : parseChineseNumber(m[1]);
    if (value === null || value < 1 || value > 200) continue;
    // "1.5亿" or "2023." are numbers, not numbering: require text after the marker.
    if (m[0].length >= norm.length) continue;
    return { style: p.style, token: p.token(written), value, length: m[0].length };
  }
  return null;
}

/**
 * Markers inside a paragraph ("…。(1)责任导向…。(2)问题导向…", "一、设立…;二、签订…"): only after a
 * sentence boundary, and only when they form a run 1, 2, 3 … of one style.
 */
export interface InlineMarker extends NumberingMarker {
  index: number;
}

export function findInlineRun(norm: string, fromIndex = 0, orig?: string): InlineMarker[] {
  const candidates: InlineMarker[] = [];
  for (let i = fromIndex; i < norm.length; i++) {
    const prev = i === 0 ? '' : norm[i - 1];
    if (i > 0 && !/[。;:!?]/.test(prev)) continue;
    const m = readMarker(norm.slice(i), orig?.slice(i));
    if (m && m.style !== 'chapter' && m.style !== 'section') candidates.push({ ...m, index: i });
  }
  // Keep the longest consecutive 1..n run of a single style.
  let best: InlineMarker[] = [];
  for (let s = 0; s < candidates.length; s++) {
    if (candidates[s].value !== 1) continue;
    const run = [candidates[s]];
    for (let j = s + 1; j < candidates.length; j++) {
      const c = candidates[j];
      if (c.style === run[0].style && c.value === run[run.length - 1].value + 1) run.push(c);
    }
    if (run.length > best.length) best = run;
  }
  return best.length >= 2 ? best : [];
}
