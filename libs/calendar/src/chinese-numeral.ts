const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100 };

/** Characters that may appear in a number inside a deadline phrase (ASCII or Chinese, below 1000). */
export const NUMBER_PATTERN = '[0-9]+|[〇零一二两三四五六七八九十百]+';

/**
 * Reads the small numbers deadline phrases use: '15', '十五', '二十', '一百二十', '三'.
 * Deadline phrases never need more than hundreds, so this stays a few lines instead of a dependency.
 */
export function parseSmallNumber(text: string): number {
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) throw new RangeError(`not a number: ${JSON.stringify(text)}`);
  let total = 0;
  let pending = 0;
  let sawDigit = false;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit !== undefined) {
      total += (sawDigit ? pending : 1) * unit; // '十五' means 15: a leading unit has an implicit 1
      pending = 0;
      sawDigit = false;
    } else {
      pending = DIGITS[ch]!;
      sawDigit = true;
    }
  }
  return total + pending;
}

/** Full-width digits (１２) and ideographic spaces turn up in documents typed with Chinese IMEs. */
export function normalizePhrase(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[。，,.;；]+$/u, '');
}
