import type { SourceLine } from './normalize.js';
import { findInlineRun, readMarker, type NumberingStyle } from './numbering.js';
import { isChromeLine, signatureLines } from './document-lines.js';
import { joinSpans, sliceSpan, trimSpan, type TextSpan } from './text-span.js';

/** A numbered node before interpretation: where it is, and the text it owns. */
export interface OutlineNode {
  token: string;
  style: NumberingStyle | 'bullet' | 'named' | 'table-row' | 'table-section';
  line: number;
  /** The node's own text, marker removed (its first line plus continuation lines). */
  parts: TextSpan[];
  children: OutlineNode[];
  /** Cells of a table row, keyed by column role, when the node comes from a task table. */
  cells?: TableCells;
  /** The marker's number (一 → 1), when the node has one: restarts at 1 separate document parts. */
  value?: number;
  /** For a top-level list: the unnumbered title line just above it ("2024年巴中教育要办十件要事"). */
  context?: TextSpan;
}

export interface TableCells {
  task?: TextSpan;
  lead?: TextSpan;
  support?: TextSpan;
  responsible?: TextSpan;
  deadline?: TextSpan;
}

/** Lines at least this long that stop mid-sentence were wrapped by the page; headings are shorter. */
export const WRAP_WIDTH = 35;

/**
 * The node's text. Web copies wrap long paragraphs at arbitrary points: a long line that does not end
 * a sentence continues on the next one, so the two are joined without a break ("到2025\n年底").
 */
export function nodeText(node: OutlineNode): TextSpan {
  let orig = '';
  let norm = '';
  node.parts.forEach((p, k) => {
    if (k > 0) {
      const prev = node.parts[k - 1].norm.trimEnd();
      const wrapped = prev.length >= WRAP_WIDTH && !/[。;:!?)\]”"》】]$/.test(prev) && !readMarker(p.norm.trimStart());
      orig += wrapped ? '' : '\n';
      norm += wrapped ? '' : '\n';
    }
    orig += p.orig;
    norm += p.norm;
  });
  return trimSpan({ orig, norm });
}

const RANK: Record<OutlineNode['style'], number> = {
  chapter: 0,
  section: 1,
  'cn-formal': 1.5,
  'cn-dun': 2,
  bullet: 2.5,
  named: 2.5,
  'cn-paren': 3,
  'ar-dot': 4,
  'ar-dun': 4,
  'ar-half': 5,
  'ar-paren': 5,
  circled: 6,
  'table-section': 2,
  'table-row': 4,
};

const BULLET = /^[◆◇●○■□▲△★☆•▪►]\s*/;
/** News-style plans name their actions in prose: 实施“铸魂赋能”行动,夯实… */
const NAMED_ACTION = /^(?:实施|开展|推进|深化|推动|打好|启动)\s*“[^”]{2,12}”\s*(?:专项|提升|攻坚)?(?:行动|工程|计划|攻坚战)/;

/**
 * The title-like lines right above a position (no sentence end), nearest first, at most two. The
 * plan's own title and period subtitle (`metadata`) end the search: they describe the plan, not the list.
 */
function contextAbove(lines: SourceLine[], i: number, metadata: Set<number>): TextSpan | undefined {
  const found: TextSpan[] = [];
  for (let j = i - 1; j >= 0 && found.length < 2; j--) {
    const t = trimSpan(lines[j]);
    if (t.norm === '') continue;
    if (metadata.has(j) || /。/.test(t.norm) || readMarker(t.norm) || isChromeLine(t.norm)) break;
    found.push(t);
  }
  return found.length ? joinSpans(found.reverse()) : undefined;
}

function newNode(token: string, style: OutlineNode['style'], line: number, text: TextSpan, value?: number): OutlineNode {
  return { token, style, line, parts: [text], children: [], value };
}

/**
 * Builds the outline from numbered lines. Levels are learned from the document: a style seen for the
 * first time opens a deeper level, a style already open closes everything below it. This follows
 * documents that skip a level (四、 → 1.) or number continuously across sections. `skip`: table lines;
 * `metadata`: the plan's title and period lines, which belong to no item (see `metadataLines`).
 */
export function buildOutline(lines: SourceLine[], skip: Set<number> = new Set(), metadata: Set<number> = new Set()): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  const signatures = signatureLines(lines, skip);
  let current: OutlineNode | null = null;
  // The node whose line a paragraph started on: a lone "(政策法规与民办教育科)" line attributes it.
  let owner: OutlineNode | null = null;

  const attach = (node: OutlineNode, i: number) => {
    const idx = stack.findIndex((s) => s.style === node.style);
    if (idx >= 0) stack.length = idx;
    // A new style never nests under a more junior one (GB/T 9704: 一、 > (一) > 1. > (1)): "二、"
    // after "1." items of a copy that starts mid-list is a new section, not a child.
    else while (stack.length && RANK[stack[stack.length - 1].style] > RANK[node.style]) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) node.context = contextAbove(lines, i, metadata);
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  };

  lines.forEach((line, i) => {
    if (skip.has(i)) {
      current = owner = null;
      return;
    }
    const lead = line.norm.length - line.norm.trimStart().length;
    const full = trimSpan({ orig: line.orig, norm: line.norm });
    if (full.norm === '') return;
    if (signatures.has(i) || metadata.has(i) || isChromeLine(full.norm)) {
      current = owner = null;
      return;
    }
    const bullet = BULLET.exec(line.norm.slice(lead));
    const marker = bullet ? null : readMarker(line.norm.slice(lead), line.orig.slice(lead));
    if (bullet) {
      const parent = stack.filter((s) => s.style !== 'bullet').at(-1);
      const siblings = parent ? parent.children : roots;
      const token = String(siblings.filter((s) => s.style === 'bullet').length + 1);
      const node = newNode(token, 'bullet', line.no, trimSpan(sliceSpan(line, lead + bullet[0].length)));
      attach(node, i);
      owner = node;
      current = splitInlineChildren(node, line);
      return;
    }
    if (!marker && NAMED_ACTION.test(full.norm) && full.norm.length <= 50 && !/。/.test(full.norm)) {
      const node = newNode('', 'named', line.no, full);
      attach(node, i);
      const siblings = stack.length > 1 ? stack[stack.length - 2].children : roots;
      node.token = String(siblings.filter((s) => s.style === 'named').length);
      current = owner = node;
      return;
    }
    if (!marker) {
      if (owner && /^\([^()]*\)$/.test(full.norm)) owner.parts.push(full);
      else if (current) current.parts.push(full);
      return;
    }
    const body = sliceSpan(line, lead + marker.length);
    const run = findInlineRun(line.norm, lead, line.orig);
    if (run.length >= 2 && run[0].index === lead && run[0].style === marker.style) {
      const depth = stack.length;
      // "一、设立…;二、签订…": siblings on one line.
      run.forEach((m, k) => {
        const end = k + 1 < run.length ? run[k + 1].index : line.norm.length;
        const node = newNode(m.token, m.style, line.no, trimSpan(sliceSpan(line, m.index + m.length, end)), m.value);
        attach(node, i);
      });
      // A list written on one line is complete: what follows is neither part of its last item nor nested in it.
      current = owner = null;
      stack.length = Math.min(depth, stack.findIndex((s) => s.style === marker.style) >= 0 ? stack.findIndex((s) => s.style === marker.style) : depth);
      return;
    }
    const node = newNode(marker.token, marker.style, line.no, trimSpan(body), marker.value);
    attach(node, i);
    owner = node;
    current = splitInlineChildren(node, line);
  });
  return roots;
}

/** "◆…行为。(1)责任导向…(2)问题导向…" or "1.…。(1)…(2)…": a run after the lead sentence becomes children. */
export function splitInlineChildren(node: OutlineNode, line: SourceLine): OutlineNode {
  const first = node.parts[0];
  const run = findInlineRun(first.norm, 1, first.orig);
  if (run.length < 2 || run[0].style === node.style) return node;
  node.parts[0] = trimSpan(sliceSpan(first, 0, run[0].index));
  run.forEach((m, k) => {
    const end = k + 1 < run.length ? run[k + 1].index : first.norm.length;
    node.children.push(newNode(m.token, m.style, line.no, trimSpan(sliceSpan(first, m.index + m.length, end)), m.value));
  });
  return node.children[node.children.length - 1];
}
