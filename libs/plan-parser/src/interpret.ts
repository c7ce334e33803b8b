import type { PlanDepartments, PlanItem } from './plan.types.js';
import { nodeText, type OutlineNode } from './structure.js';
import { emptyDepartments, findDepartments, unitEntries, type DepartmentRules } from './departments.js';
import { cadenceOfCell, findDeadline, findRecurrence, type Deadline, type DeadlineContext } from './deadlines.js';
import { findTargets } from './targets.js';
import { sliceSpan, stripTrailingPunctuation, trimSpan, type TextSpan } from './text-span.js';

/** Sections that frame a plan rather than assign work: their numbered nodes are headings. */
const FRAMING =
  /^(指导思想|基本原则|工作原则|发展基础|发展现状|现实基础|基本情况|现状与形势|发展环境|面临形势|形势分析|总体要求|发展要求|发展思路|总体思路|工作思路|总体目标|主要目标|发展目标|工作目标|目标要求|重要意义|编制依据|规划背景|适用范围|面临的形势|发展形势|形势与挑战|机遇与挑战|机遇和挑战|发展成就|主要成就|工作回顾|基本情况|现状分析|存在问题|总体考虑|目标定位|发展定位|战略定位)/;

export interface InterpretContext {
  deadlines: DeadlineContext;
  rules: DepartmentRules;
  /** A briefing of ◆ reports: its numbers are mostly results, so only forward-looking ones are targets. */
  reportMode?: boolean;
}

/** The heading's first sentence: up to 。/;/: on its first line. */
function titleOf(text: TextSpan): TextSpan {
  const firstLine = text.norm.indexOf('\n');
  const line = firstLine >= 0 ? sliceSpan(text, 0, firstLine) : text;
  // A sentence end, or a wide gap where a flattened copy lost the break after a heading.
  const stop = /[。!?]|\s{2,}/.exec(line.norm);
  // "(一)加强组织领导:成立领导小组…": a short lead phrase before a colon is the title.
  const colon = /:/.exec(line.norm);
  const end = colon && colon.index <= 30 && (!stop || colon.index < stop.index) && !/(单位|部门|时限|时间)$/.test(line.norm.slice(0, colon.index)) ? colon.index : stop?.index;
  return stripTrailingPunctuation(trimSpan(end !== undefined ? sliceSpan(line, 0, end) : line));
}

function tableDepartments(node: OutlineNode, rules: DepartmentRules): PlanDepartments {
  const c = node.cells ?? {};
  const result = emptyDepartments();
  const add = (list: string[], name: string) => {
    if (!result.lead.includes(name) && !result.support.includes(name)) list.push(name);
  };
  const lead = c.lead ? unitEntries(c.lead) : [];
  const responsible = c.responsible ? unitEntries(c.responsible) : [];
  const support = c.support ? unitEntries(c.support) : [];
  // A unit marked "(牵头)" in any column leads.
  for (const e of [...lead, ...responsible, ...support]) if (e.markedLead) add(result.lead, e.name);
  for (const e of lead) add(result.lead, e.name);
  const rest = responsible.filter((e) => !e.markedLead);
  if (result.lead.length) rest.forEach((e) => add(result.support, e.name));
  else if (rules.firstListedLeads && rest.length) {
    add(result.lead, rest[0].name);
    rest.slice(1).forEach((e) => add(result.support, e.name));
  } else rest.forEach((e) => add(result.lead, e.name));
  for (const e of support) add(result.support, e.name);
  return result;
}

interface Inherited {
  deadline: Deadline | null;
  departments: PlanDepartments | null;
  framing: boolean;
}

export function interpretOutline(roots: OutlineNode[], ctx: InterpretContext, prefix = ''): PlanItem[] {
  const items: PlanItem[] = [];
  const visit = (node: OutlineNode, prefix: string, inherited: Inherited) => {
    const path = prefix ? `${prefix}.${node.token}` : node.token;
    const text = nodeText(node);
    const title = titleOf(text);
    const framing = inherited.framing || FRAMING.test(title.norm);
    const isTask = node.children.length === 0 && !framing;

    let departments = node.cells ? tableDepartments(node, ctx.rules) : findDepartments(text, ctx.rules);
    if (node.cells && departments.lead.length + departments.support.length === 0) departments = findDepartments(text, ctx.rules);
    const own = departments.lead.length + departments.support.length > 0;

    let deadline: Deadline | null = null;
    if (node.cells?.deadline) deadline = findDeadline(node.cells.deadline, ctx.deadlines);
    if (!deadline && !framing) deadline = findDeadline(text, ctx.deadlines);
    const stated = deadline;
    if (!deadline && !framing) deadline = inherited.deadline;
    if (!own && inherited.departments && !framing) departments = structuredClone(inherited.departments);

    let recurrence = framing ? null : node.cells?.deadline ? (cadenceOfCell(node.cells.deadline) ?? findRecurrence(text)) : findRecurrence(text);
    // "持续推进" inside an item with its own date is bounded by that date: not an open-ended cadence.
    if (recurrence === 'ongoing' && stated) recurrence = null;
    const targets = framing ? [] : findTargets(text, deadline ? Number(deadline.date.slice(0, 4)) : null, { forwardOnly: ctx.reportMode });

    items.push({
      path,
      kind: isTask ? 'task' : 'heading',
      title: title.orig,
      text: text.orig,
      departments,
      deadline: deadline?.date ?? null,
      deadlineText: deadline?.text ?? null,
      recurrence,
      targets,
      source: { line: node.line },
    });
    for (const child of node.children) {
      visit(child, path, {
        deadline: stated ?? inherited.deadline,
        departments: own ? departments : inherited.departments,
        framing,
      });
    }
  };
  for (const root of roots) {
    const fromContext = root.context ? findDeadline(root.context, ctx.deadlines) : null;
    visit(root, prefix, { deadline: fromContext, departments: null, framing: false });
  }
  return items;
}
