import type { SourceLine } from './normalize.js';
import type { OutlineNode, TableCells } from './structure.js';
import { readMarker } from './numbering.js';
import { isChromeLine } from './document-lines.js';
import { sliceSpan, trimSpan, type TextSpan } from './text-span.js';
import { looksLikeUnit, splitUnitList } from './departments.js';

export type ColumnRole = 'seq' | 'task' | 'lead' | 'support' | 'responsible' | 'deadline' | 'person' | 'other';

/** What a task-table header cell means, the way a coordinator reads it. */
export function columnRole(header: string): ColumnRole | null {
  const h = header.replace(/\s+/g, '');
  if (h === '') return null;
  if (/^(序号|编号|序)$/.test(h)) return 'seq';
  if (/(领导|责任人|联系人|负责人|经办人|分管)/.test(h) && !/(单位|部门)/.test(h)) return 'person';
  if (/(完成时限|完成时间|时间节点|时限|完成期限|时间安排|进度安排|截止时间|完成日期)/.test(h)) return 'deadline';
  // "责任单位（列第一位的为牵头单位）" lists every unit; the document's rule picks the lead.
  if (/(第一位|首位|排名第一)/.test(h) && /(责任|单位|部门)/.test(h)) return 'responsible';
  if (/(牵头单位|牵头部门|主要责任单位|主要责任部门|主责单位|牵头)/.test(h)) return 'lead';
  if (/(配合单位|配合部门|协同配合单位|协同单位|协办单位|参与单位|配合)/.test(h)) return 'support';
  if (/(责任单位|责任部门|承办单位|落实单位|实施单位|责任主体)/.test(h)) return 'responsible';
  if (/(任务|措施|事项|内容|工作|目标|举措|项目)/.test(h) && h.length <= 12) return 'task';
  if (/(备注|说明|类别|分类|指标值|进度|完成情况)/.test(h)) return 'other';
  return null;
}

interface Row {
  line: number;
  cells: TextSpan[];
}

/** A 序号 cell: 12, 12., (12), 3-1, 3.1. */
function isSeqCell(norm: string): boolean {
  return /^(?:\d{1,3}\.?|\(\d{1,3}\)|\d{1,2}[-.]\d{1,2})$/.test(norm.trim());
}

function seqToken(norm: string): string {
  return norm.trim().replace(/\.$/, '');
}

function isHeaderRow(cells: string[]): ColumnRole[] | null {
  const roles = cells.map((c) => columnRole(c) ?? 'other');
  const known = cells.filter((c) => columnRole(c) !== null).length;
  const hasTask = roles.includes('task');
  const hasUnitOrTime = roles.some((r) => r === 'lead' || r === 'responsible' || r === 'support' || r === 'deadline');
  return known >= 2 && known * 2 >= cells.length && hasTask && hasUnitOrTime ? roles : null;
}

function splitPipe(line: SourceLine): TextSpan[] {
  const cells: TextSpan[] = [];
  let start = 0;
  for (let i = 0; i <= line.norm.length; i++) {
    if (i === line.norm.length || line.norm[i] === '|') {
      cells.push(trimSpan(sliceSpan(line, start, i)));
      start = i + 1;
    }
  }
  // Leading/trailing pipes of markdown-like tables produce empty edge cells.
  if (cells.length && cells[0].norm === '' && line.norm.trim().startsWith('|')) cells.shift();
  if (cells.length && cells[cells.length - 1].norm === '' && line.norm.trim().endsWith('|')) cells.pop();
  return cells;
}

function isSectionText(norm: string): boolean {
  const t = norm.trim();
  const m = readMarker(t);
  return !!m && (m.style === 'cn-dun' || m.style === 'cn-paren' || m.style === 'chapter') && t.length <= 60 && !/。/.test(t);
}

export interface TableResult {
  nodes: OutlineNode[];
  /** Line indices the table consumed; the outline builder skips them. */
  consumed: Set<number>;
}

/** A cell that ends in 、/，/； was wrapped onto the next line by the web page: join them back. */
function unwrap(cells: TextSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  for (const c of cells) {
    const prev = out[out.length - 1];
    if (prev && /[、,;:]$/.test(prev.norm.trim())) out[out.length - 1] = { orig: prev.orig + c.orig, norm: prev.norm + c.norm };
    else out.push(c);
  }
  return out;
}

function assignCells(rawCells: TextSpan[], roles: ColumnRole[]): TableCells {
  const out: TableCells = {};
  const cells = rawCells.length > roles.length ? unwrap(rawCells) : rawCells;
  const put = (role: ColumnRole, cell: TextSpan) => {
    if (role === 'task' || role === 'lead' || role === 'support' || role === 'responsible' || role === 'deadline') {
      const prev = out[role];
      out[role] = prev ? { orig: `${prev.orig} ${cell.orig}`, norm: `${prev.norm} ${cell.norm}` } : cell;
    }
  };
  if (cells.length === roles.length) {
    cells.forEach((c, k) => put(roles[k], c));
    return out;
  }
  // Cells missing, wrapped or stray: the first cell is the task; dates and unit lists find their column
  // by content; anything else continues the task text (a task cell wrapped over two lines).
  const unitRoles = roles.filter((r) => r === 'lead' || r === 'responsible' || r === 'support');
  let unitIdx = 0;
  for (const c of cells) {
    const t = c.norm.trim();
    if (t === '' || isSeqCell(t)) continue;
    const parts = splitUnitList(c);
    const unitLike = parts.length > 0 && parts.every((p) => looksLikeUnit(p.norm));
    if (!out.task) put('task', c);
    else if (/^(\d{4}\s*年|\d{4}[-./]|长期|持续|常态化|每年|每季度|每月|每学期|\d{1,2}\s*月|年底|年内)/.test(t) && roles.includes('deadline')) put('deadline', c);
    else if (unitLike && unitIdx < unitRoles.length) put(unitRoles[unitIdx++], c);
    else if (unitLike) continue;
    else if (!/^[\u4e00-\u9fa5]{2,4}$/.test(t)) put('task', c);
  }
  return out;
}

function rowNode(token: string, line: number, cells: TableCells): OutlineNode {
  const text = cells.task ?? { orig: '', norm: '' };
  return { token, style: 'table-row', line, parts: [text], children: [], cells };
}

function sectionNode(text: TextSpan, line: number): OutlineNode {
  const m = readMarker(text.norm);
  const token = m ? m.token : text.orig.trim();
  const body = m ? trimSpan(sliceSpan(text, m.length)) : text;
  return { token, style: 'table-section', line, parts: [body], children: [] };
}

function buildFromRows(header: ColumnRole[], rows: (Row & { section?: boolean })[]): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  // Section rows may nest (一、 then (一)): a stack ordered by numbering style, like the text outline.
  const sections: { node: OutlineNode; rank: number }[] = [];
  let auto = 0;
  const seqCol = header.indexOf('seq');
  for (const row of rows) {
    if (row.section) {
      const node = sectionNode(row.cells[0], row.line);
      const rank = SECTION_RANK[readMarker(row.cells[0].norm)?.style ?? 'cn-dun'] ?? 2;
      while (sections.length && sections[sections.length - 1].rank >= rank) sections.pop();
      const parent = sections[sections.length - 1];
      (parent ? parent.node.children : nodes).push(node);
      sections.push({ node, rank });
      continue;
    }
    const cells = row.cells;
    let token: string;
    if (seqCol >= 0 && cells.length > seqCol && isSeqCell(cells[seqCol].norm)) token = seqToken(cells[seqCol].norm);
    else if (cells.length && isSeqCell(cells[0].norm)) token = seqToken(cells[0].norm);
    else token = String(auto + 1);
    auto = Number(token) || auto + 1;
    const assigned = assignCells(cells, header);
    if (!assigned.task || assigned.task.norm.trim() === '') continue;
    const node = rowNode(token, row.line, assigned);
    const section = sections[sections.length - 1];
    (section ? section.node.children : nodes).push(node);
  }
  return nodes;
}

const SECTION_RANK: Partial<Record<string, number>> = { chapter: 0, section: 1, 'cn-formal': 1.5, 'cn-dun': 2, 'cn-paren': 3 };

/** `cell | cell` tables (from web copies, .docx, .csv, .xlsx). */
function pipeTables(lines: SourceLine[], consumed: Set<number>): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].norm.includes('|')) continue;
    const headerCells = splitPipe(lines[i]);
    const roles = isHeaderRow(headerCells.map((c) => c.norm));
    if (!roles) continue;
    consumed.add(i);
    const rows: (Row & { section?: boolean })[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j].norm.trim();
      if (t === '') continue;
      if (!t.includes('|')) {
        if (isSectionText(t)) {
          rows.push({ line: lines[j].no, cells: [trimSpan(lines[j])], section: true });
          consumed.add(j);
          continue;
        }
        break;
      }
      const cells = splitPipe(lines[j]);
      const filled = cells.filter((c) => c.norm !== '');
      consumed.add(j);
      if (isHeaderRow(cells.map((c) => c.norm))) continue;
      if (filled.length === 1 && isSectionText(filled[0].norm)) rows.push({ line: lines[j].no, cells: filled, section: true });
      else rows.push({ line: lines[j].no, cells });
    }
    nodes.push(...buildFromRows(roles, rows));
    i = j - 1;
  }
  return nodes;
}

/** Tables flattened to one cell per line: a run of header cells, then rows that each start with a 序号. */
function cellPerLineTables(lines: SourceLine[], consumed: Set<number>): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const nonEmpty = lines.map((l, i) => ({ l, i })).filter((x) => x.l.norm.trim() !== '' && !consumed.has(x.i));
  for (let k = 0; k < nonEmpty.length; k++) {
    const first = columnRole(nonEmpty[k].l.norm);
    if (first !== 'seq' && first !== 'task') continue;
    const roles: ColumnRole[] = [];
    let h = k;
    while (h < nonEmpty.length && nonEmpty[h].l.norm.trim().length <= 14) {
      const r = columnRole(nonEmpty[h].l.norm);
      if (r === null || (roles.length > 0 && r === 'seq')) break;
      roles.push(r);
      h++;
    }
    if (!isHeaderRow(roles.map((r) => (r === 'other' ? '备注' : roleLabel(r))))) continue;
    for (let x = k; x < h; x++) consumed.add(nonEmpty[x].i);
    const rows: (Row & { section?: boolean })[] = [];
    let p = h;
    if (!roles.includes('seq')) {
      // Without a 序号 column the only row boundary is the column count.
      while (p + roles.length <= nonEmpty.length) {
        const { l, i } = nonEmpty[p];
        const t = l.norm.trim();
        if (isChromeLine(t)) break;
        if (isSectionText(t)) {
          rows.push({ line: l.no, cells: [trimSpan(l)], section: true });
          consumed.add(i);
          p++;
          continue;
        }
        const chunk = nonEmpty.slice(p, p + roles.length);
        if (chunk.some((c) => isChromeLine(c.l.norm.trim()) || isSectionText(c.l.norm.trim()))) break;
        chunk.forEach((c) => consumed.add(c.i));
        rows.push({ line: l.no, cells: chunk.map((c) => trimSpan(c.l)) });
        p += roles.length;
      }
      nodes.push(...buildFromRows(roles, rows));
      k = p - 1;
      continue;
    }
    while (p < nonEmpty.length) {
      const { l, i } = nonEmpty[p];
      const t = l.norm.trim();
      if (isChromeLine(t)) break;
      if (isSectionText(t)) {
        rows.push({ line: l.no, cells: [trimSpan(l)], section: true });
        consumed.add(i);
        p++;
        continue;
      }
      if (!isSeqCell(t)) break;
      const cells: TextSpan[] = [trimSpan(l)];
      consumed.add(i);
      p++;
      while (p < nonEmpty.length) {
        const next = nonEmpty[p].l.norm.trim();
        if (isSeqCell(next) || isSectionText(next) || isChromeLine(next)) break;
        // A table ends where running prose starts again: a numbered paragraph or a long sentence after a full row.
        if (cells.length >= roles.length && (readMarker(next) || (next.length > 60 && next.includes('。')))) break;
        if (cells.length >= roles.length + 2) break;
        cells.push(trimSpan(nonEmpty[p].l));
        consumed.add(nonEmpty[p].i);
        p++;
      }
      rows.push({ line: l.no, cells });
    }
    nodes.push(...buildFromRows(roles, rows));
    k = p - 1;
  }
  return nodes;
}

function roleLabel(r: ColumnRole): string {
  return { seq: '序号', task: '重点任务', lead: '牵头单位', support: '配合单位', responsible: '责任单位', deadline: '完成时限', person: '责任人', other: '备注' }[r];
}

export function extractTables(lines: SourceLine[]): TableResult {
  const consumed = new Set<number>();
  const nodes = [...pipeTables(lines, consumed), ...cellPerLineTables(lines, consumed)];
  return { nodes, consumed };
}
