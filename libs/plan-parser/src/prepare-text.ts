import { normalizeText } from './normalize.js';
import { readMarker } from './numbering.js';
import { columnRole, type ColumnRole } from './tables.js';

/** Repairs what copying from a web page does to a document before it is read line by line. */
export function prepareText(input: string): string {
  return reflow(spacedTableToPipes(tabsToCells(input.replace(/^\uFEFF/, ''))));
}

/**
 * A copy that lost its line breaks (a whole plan on a handful of lines) is broken again before each
 * numbering marker that follows a sentence end, so the outline can be read.
 */
export function reflow(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length >= 10 || text.length < 3000) return text;
  const norm = normalizeText(text);
  let out = '';
  let at = 0;
  for (let i = 1; i < norm.length; i++) {
    if (!/[。;!?)\s]/.test(norm[i - 1]) || /\s/.test(norm[i])) continue;
    // ◆ reports and 【section】 labels of a briefing start lines too.
    const bullet = /[◆◇●■【]/.test(norm[i]);
    const m = bullet ? null : readMarker(norm.slice(i, i + 12));
    if (!bullet && (!m || !['chapter', 'cn-formal', 'cn-dun', 'cn-paren', 'ar-dot'].includes(m.style))) continue;
    out += `${text.slice(at, i).trimEnd()}\n`;
    at = i;
  }
  return out + text.slice(at);
}

/**
 * Some pages copy a table as space-separated rows: "序号 重点任务 牵头单位 完成时限" then
 * "1 新建学校10所 市教育局 2024年底". A header whose every word is a column name fixes the column
 * count; rows starting with a 序号 are split on spaces, extra words going back into the task cell.
 */
export function spacedTableToPipes(text: string): string {
  const lines = text.split('\n');
  let roles: (ColumnRole | null)[] | null = null;
  return lines
    .map((line) => {
      if (line.includes('|')) return line;
      const words = line.trim().split(/\s+/);
      // Only a line of short words can be a header; this keeps normalization off ordinary prose.
      if (words.length >= 3 && words.length <= 12 && words.every((w) => w.length <= 14)) {
        const wordRoles = words.map((w) => columnRole(normalizeText(w)));
        if (wordRoles.every((r) => r !== null && r !== 'other') && wordRoles.includes('task')) {
          roles = wordRoles;
          return words.join(' | ');
        }
      }
      if (!roles) return line;
      const t = normalizeText(line).trim();
      if (t === '') return line;
      if (!/^\d{1,3}\s/.test(t)) {
        // A section row ("一、…") keeps the table open; anything else ends it.
        if (!readMarker(t)) roles = null;
        return line;
      }
      if (words.length < roles.length) return words.join(' | ');
      const taskAt = Math.max(0, roles.indexOf('task'));
      const extra = words.length - roles.length;
      const cells = [...words.slice(0, taskAt), words.slice(taskAt, taskAt + extra + 1).join(' '), ...words.slice(taskAt + extra + 1)];
      return cells.join(' | ');
    })
    .join('\n');
}

/** Rows copied from a web table arrive tab-separated: render them as `cell | cell` lines. */
export function tabsToCells(text: string): string {
  return text
    .split('\n')
    .map((l) => (/\S\t+\S.*\t+\S/.test(l) ? l.split('\t').map((c) => c.trim()).join(' | ') : l))
    .join('\n');
}

