/**
 * Blanks out text that belongs to other documents, keeping indices: titles in 《》 (their periods and
 * dates are the cited document's) and document numbers such as (云办发〔2023〕7号).
 */
export function maskCitations(norm: string): string {
  let out = norm.replace(/《[^《》]*》/g, (m) => ' '.repeat(m.length));
  out = out.replace(/[\u4e00-\u9fa5]{1,12}[〔\[【(]\d{4}[〕\]】)]\s*\d+\s*号/g, (m) => ' '.repeat(m.length));
  return out;
}
