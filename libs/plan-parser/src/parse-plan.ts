import { decodeInput } from './decode.js';
import { detectScript, toSourceLines } from './normalize.js';
import { metadataLines, titleLineNo } from './document-lines.js';
import { currentYearOf, extractMetadata } from './metadata.js';
import { extractTables } from './tables.js';
import { prepareText } from './prepare-text.js';
import { buildOutline, type OutlineNode } from './structure.js';
import { interpretOutline, type InterpretContext } from './interpret.js';
import { declaresFirstListedLeads } from './departments.js';
import { PlanParseError } from './plan-parse.error.js';
import type { ParsedPlan, PlanInput, PlanItem } from './plan.types.js';

/** Parses already-decoded text (the same pipeline the file entry point uses after decoding). */
export function parsePlanText(input: string): ParsedPlan {
  const lines = toSourceLines(prepareText(input));
  const tables = extractTables(lines);
  const meta = extractMetadata(lines, tables.consumed);
  // The title and its period subtitle are metadata: never an item's text or a list's dated title.
  const textNodes = buildOutline(lines, tables.consumed, metadataLines(lines, meta.title));
  const outline = [...textNodes, ...tables.nodes];
  const nodeCount = countNodes(outline);
  if (nodeCount < 2) throw new PlanParseError('NOT_A_PLAN');
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
  const textItems = interpretParts(textNodes, ctx, titleLineNo(lines, meta.title));
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

function countNodes(nodes: { children: unknown[] }[]): number {
  return nodes.reduce((n, x) => n + 1 + countNodes(x.children as { children: unknown[] }[]), 0);
}

/** Reads a plan document (text in any accepted encoding, .docx, .csv, .xlsx) into the contract's JSON. */
export async function parsePlan(input: PlanInput): Promise<ParsedPlan> {
  const { text } = await decodeInput(input.bytes, input.fileName);
  return parsePlanText(text);
}
