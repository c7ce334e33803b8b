/**
 * Flattens HTML (a saved government web page, or mammoth's rendering of a .docx) into text lines:
 * block elements become lines, table rows become `cell | cell`, and Word's automatic list numbering
 * (which exists only as <ol>/<li>) is written out the way GB/T 9704 numbers levels: 一、 (一) 1. (1).
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function clean(s: string): string {
  return decodeEntities(s.replace(/<[^>]+>/g, ''))
    .replace(/[ \t\r\n\u00a0]+/g, ' ')
    .trim();
}

const CN_DIGITS = '零一二三四五六七八九';

/** 1..99 as Chinese numerals (十一, 二十三). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

const LEVEL_MARKERS: ((n: number) => string)[] = [
  (n) => `${chineseNumeral(n)}、`,
  (n) => `（${chineseNumeral(n)}）`,
  (n) => `${n}.`,
  (n) => `（${n}）`,
];
const TYPED_NUMBER = /^(第.{1,3}[章节部分]|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])/;

function flowToLines(html: string): string[] {
  const lines: string[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let current = '';
  let prefix = '';
  const flush = () => {
    const text = clean(current);
    // A list item that already types its own number keeps it.
    if (text) lines.push(prefix && !TYPED_NUMBER.test(text) ? `${prefix}${text}` : text);
    current = '';
    prefix = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9]*)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      current += m[3];
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', count: 0 });
    } else if (tag === 'li' && !closing) {
      flush();
      const list = lists[lists.length - 1];
      if (list) {
        list.count++;
        const depth = lists.filter((l) => l.ordered).length - 1;
        if (list.ordered) prefix = LEVEL_MARKERS[Math.min(depth, LEVEL_MARKERS.length - 1)](list.count);
      }
    } else if (tag === 'br' || (closing && /^(p|h[1-6]|li|div|section|article|dd|dt|header|footer|nav)$/.test(tag))) {
      flush();
    }
  }
  flush();
  return lines;
}

export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  const cleaned = html.replace(/<(script|style|noscript|head)[\s\S]*?<\/\1>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const block of cleaned.split(/(<table[\s\S]*?<\/table>)/i)) {
    if (/^<table/i.test(block)) {
      for (const row of block.match(/<tr[\s\S]*?<\/tr>/gi) ?? []) {
        const cells = (row.match(/<t[dh][\s\S]*?<\/t[dh]>/gi) ?? []).map((c) => clean(c.replace(/<br\s*\/?>/gi, ' ')).replace(/\|/g, '｜'));
        if (cells.some((c) => c !== '')) lines.push(cells.join(' | '));
      }
    } else lines.push(...flowToLines(block));
  }
  return lines;
}
