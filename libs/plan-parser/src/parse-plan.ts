import { decodeInput } from './decode.js';
import { detectScript, normalizeText, toSourceLines, type SourceLine } from './normalize.js';
import { currentYearOf, extractMetadata } from './metadata.js';
import { columnRole, extractTables, type ColumnRole } from './tables.js';
import { buildOutline, type OutlineNode } from './structure.js';
import { readMarker } from './numbering.js';
import { declaresFirstListedLeads, interpretOutline, type InterpretContext } from './interpret.js';
import { PlanParseError } from './plan-parse.error.js';
import type { ParsedPlan, PlanInput, PlanItem } from './plan.types.js';

/** Parses already-decoded text (the same pipeline the file entry point uses after decoding). */
export function parsePlanText(input: string): ParsedPlan {
  const lines = toSourceLines(reflow(spacedTableToPipes(tabsToCells(input.replace(/^\uFEFF/, '')))));
  const tables = extractTables(lines);
  const textNodes = buildOutline(lines, tables.consumed);
  const outline = [...textNodes, ...tables.nodes];
  const nodeCount = countNodes(outline);
  if (nodeCount < 2) throw new PlanParseError('NOT_A_PLAN');
  const meta = extractMetadata(lines, tables.consumed);
  const fullNorm = lines.map((l) => l.norm).join('\n');
  const ctx: InterpretContext = {
    deadlines: {
      issueDate: meta.issueDate,
      referenceYear: meta.issueDate ? Number(meta.issueDate.slice(0, 4)) : (currentYearOf(lines) ?? meta.period?.start ?? null),
    },
    rules: { firstListedLeads: declaresFirstListedLeads(fullNorm) },
    // A briefing (工作简报/动态): untitled, every top-level item a ◆ report.
    reportMode: !meta.title && textNodes.length >= 2 && textNodes.every((n) => n.style === 'bullet'),
  };
  const textItems = interpretParts(textNodes, ctx, titleLine(lines, meta.title));
  let tableItems = interpretOutline(tables.nodes, ctx);
  // An attached task table numbers its own sections (一、…); keep paths unique by filing it under 附件.
  const taken = new Set(textItems.map((i) => i.path));
  if (tableItems.some((i) => taken.has(i.path))) tableItems = interpretOutline(tables.nodes, ctx, '附件');
  const items = [...textItems, ...tableItems].sort((a, b) => a.source.line - b.source.line);
  return { ...meta, script: detectScript(lines), items };
}

/**
 * Top-level numbering that starts again at 一 separates parts of one file: the notice's own requirements
 * before the plan (filed under 通知), the plan, then attachments (附件1, 附件2 …). Paths stay unique.
 */
function interpretParts(roots: OutlineNode[], ctx: InterpretContext, planTitleLine: number | null): PlanItem[] {
  const groups: OutlineNode[][] = [];
  for (const root of roots) {
    const restart = groups.length > 0 && root.value === 1 && root.style === roots[0].style && groups[groups.length - 1].length > 0;
    if (groups.length === 0 || restart) groups.push([]);
    groups[groups.length - 1].push(root);
  }
  if (groups.length === 1) return interpretOutline(roots, ctx);
  let mainSeen = false;
  let attachment = 0;
  return groups.flatMap((group) => {
    const lastLine = Math.max(...group.map(lastLineOf));
    let prefix = '';
    if (planTitleLine !== null && lastLine < planTitleLine) prefix = '通知';
    else if (mainSeen) prefix = `附件${++attachment}`;
    else mainSeen = true;
    return interpretOutline(group, ctx, prefix);
  });
}

function lastLineOf(node: OutlineNode): number {
  return Math.max(node.line, ...node.children.map(lastLineOf));
}

/** The line where the plan's own title stands (not the notice that names it). */
function titleLine(lines: SourceLine[], title: string | null): number | null {
  if (!title) return null;
  const t = normalizeText(title).replace(/\s+/g, '');
  const hit = lines.find((l) => {
    const n = l.norm.replace(/\s+/g, '');
    return n.startsWith(t) && n.length <= t.length + 15;
  });
  return hit ? hit.no : null;
}

/**
 * A copy that lost its line breaks (a whole plan on a handful of lines) is broken again before each
 * numbering marker that follows a sentence end, so the outline can be read.
 */
function reflow(text: string): string {
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
function spacedTableToPipes(text: string): string {
  const lines = text.split('\n');
  let roles: (ColumnRole | null)[] | null = null;
  return lines
    .map((line) => {
      const t = normalizeText(line).trim();
      if (t.includes('|')) return line;
      const words = line.trim().split(/\s+/);
      const wordRoles = words.map((w) => columnRole(normalizeText(w)));
      if (words.length >= 3 && wordRoles.every((r) => r !== null && r !== 'other') && wordRoles.includes('task')) {
        roles = wordRoles;
        return words.join(' | ');
      }
      if (!roles) return line;
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
function tabsToCells(text: string): string {
  return text
    .split('\n')
    .map((l) => (/\S\t+\S.*\t+\S/.test(l) ? l.split('\t').map((c) => c.trim()).join(' | ') : l))
    .join('\n');
}

function countNodes(nodes: { children: unknown[] }[]): number {
  return nodes.reduce((n, x) => n + 1 + countNodes(x.children as { children: unknown[] }[]), 0);
}

/** Reads a plan document (text in any accepted encoding, .docx, .csv, .xlsx) into the contract's JSON. */
export async function parsePlan(input: PlanInput): Promise<ParsedPlan> {
  const { text } = await decodeInput(input.bytes, input.fileName);
  return parsePlanText(text);
}
