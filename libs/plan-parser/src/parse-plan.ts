import { decodeInput } from './decode.js';
import { detectScript, toSourceLines } from './normalize.js';
import { currentYearOf, extractMetadata } from './metadata.js';
import { extractTables } from './tables.js';
import { buildOutline } from './structure.js';
import { declaresFirstListedLeads, interpretOutline } from './interpret.js';
import { PlanParseError } from './plan-parse.error.js';
import type { ParsedPlan, PlanInput } from './plan.types.js';

/** Parses already-decoded text (the same pipeline the file entry point uses after decoding). */
export function parsePlanText(input: string): ParsedPlan {
  const lines = toSourceLines(tabsToCells(input.replace(/^\uFEFF/, '')));
  const tables = extractTables(lines);
  const textNodes = buildOutline(lines, tables.consumed);
  const outline = [...textNodes, ...tables.nodes];
  const nodeCount = countNodes(outline);
  if (nodeCount < 2) throw new PlanParseError('NOT_A_PLAN');
  const meta = extractMetadata(lines, tables.consumed);
  const fullNorm = lines.map((l) => l.norm).join('\n');
  const ctx = {
    deadlines: {
      issueDate: meta.issueDate,
      referenceYear: meta.issueDate ? Number(meta.issueDate.slice(0, 4)) : (currentYearOf(lines) ?? meta.period?.start ?? null),
    },
    rules: { firstListedLeads: declaresFirstListedLeads(fullNorm) },
    // A briefing (工作简报/动态): untitled, every top-level item a ◆ report.
    reportMode: !meta.title && textNodes.length >= 2 && textNodes.every((n) => n.style === 'bullet'),
  };
  const textItems = interpretOutline(textNodes, ctx);
  let tableItems = interpretOutline(tables.nodes, ctx);
  // An attached task table numbers its own sections (一、…); keep paths unique by filing it under 附件.
  const taken = new Set(textItems.map((i) => i.path));
  if (tableItems.some((i) => taken.has(i.path))) tableItems = interpretOutline(tables.nodes, ctx, '附件');
  const items = [...textItems, ...tableItems].sort((a, b) => a.source.line - b.source.line);
  return { ...meta, script: detectScript(lines), items };
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
