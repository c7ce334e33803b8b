import ChineseNumber from 'chinese-numbers-converter';

const CN_DIGITS = '〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩';

/** True when every character is a Chinese numeral character. */
export function isChineseNumeral(s: string): boolean {
  return s.length > 0 && [...s].every((c) => CN_DIGITS.includes(c));
}

/**
 * Converts a Chinese numeral (十四, 二〇二五, 一百五十) or an Arabic number string to a number.
 * Returns null for anything else, so callers never mistake words for numbers.
 */
export function parseChineseNumber(s: string): number | null {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === '半' || t === '一半') return 0.5;
  if (!isChineseNumeral(t)) return null;
  const n = new ChineseNumber(t).toInteger();
  return Number.isFinite(n) ? n : null;
}
