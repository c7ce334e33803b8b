/**
 * A plain-text table that lines up in a terminal when cells mix Chinese and ASCII: CJK and
 * full-width characters take two columns, everything else one.
 */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Cuts `text` to at most `max` columns, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export interface Column<Row> {
  header: string;
  cell(row: Row): string;
  /** Longest a cell may be, in terminal columns. */
  max?: number;
}

/** Renders rows under a header and a rule; `null` rows become blank separator lines. */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: ReadonlyArray<Row | null>): string {
  const cells = rows.map((r) => (r === null ? null : columns.map((c) => (c.max ? truncate(c.cell(r), c.max) : c.cell(r)))));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((row) => (row ? displayWidth(row[i]) : 0))),
  );
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : padEnd(v, widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...cells.map((row) => (row ? line(row) : ''))].join('\n');
}
