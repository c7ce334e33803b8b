/**
 * Blanks out text that belongs to other documents, keeping indices: titles in 《》 (their periods and
 * dates are the cited document's) and document numbers such as (云办发〔2023〕7号).
 */
export function maskCitations(norm: string): string {
  const out = norm.replace(/《[^《》]*》/g, (m) => ' '.repeat(m.length));
  if (!/\d\s*号/.test(out)) return out;
  // Anchor on "〔2023〕7号" and extend back over the issuing code (云办发): linear, no backtracking.
  const blanks: [number, number][] = [];
  for (const m of out.matchAll(/[〔\[【(]\d{4}[〕\]】)]\s*\d+\s*号/g)) {
    let start = m.index;
    while (start > 0 && m.index - start < 12 && /[\u4e00-\u9fa5]/.test(out[start - 1])) start--;
    if (start < m.index) blanks.push([start, m.index + m[0].length]);
  }
  if (blanks.length === 0) return out;
  let result = '';
  let at = 0;
  for (const [a, b] of blanks) {
    result += out.slice(at, a) + ' '.repeat(b - a);
    at = b;
  }
  return result + out.slice(at);
}
