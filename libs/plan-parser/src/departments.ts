import type { PlanDepartments } from './plan.types.js';
import { maskCitations } from './mask.js';
import { sliceSpan, trimSpan, type TextSpan } from './text-span.js';

/** How an official recognises a unit name: it ends like one (局, 委员会, 各县(市、区) …). */
const UNIT_END =
  /(局|委|办|厅|部|院|会|室|中心|科|处|股|队|站|所|府|政府|团|联|馆|校|学校|公司|集团|行|台|署|委员会|工委|组|社|办公室|部门|单位|机构|区|县|市|州|盟|旗|镇|乡|街道|园区|管委会|大学|学院|协会|总工会|妇联|团委|共青团|法院|检察院|海关|银行|支队|大队|分局|医院|报社|电视台|高校|中小学|幼儿园|\(市、区\)|\(区\)|\(市\)|\(县、市、区\)|\(市、区、县\)|等)$/;

/** Endings only offices have (no 区/县/联盟/学校): enough to trust a bare "(市教育局、市财政局)". */
const STRONG_UNIT_END = /(局|委|办|厅|政府|中心|科|处|室|院|委员会|工委|办公室|管委会|总工会|妇联|团委|法院|检察院|部门|单位)$/;

const NOT_A_UNIT = /(记者|通讯员|编辑|摄影|来源|以下简称|简称|详见|见附件|包括|\d|%|例如|试行|暂行|修订|草案)/;

export function looksLikeUnit(name: string): boolean {
  const n = name.trim();
  if (n.length < 2 || n.length > 40) return false;
  if (NOT_A_UNIT.test(n)) return false;
  if (/[。,;:!?“”《》]/.test(n)) return false;
  if (/^\d+$/.test(n)) return false;
  // Collectives name their members by kind: 各中小学, 各高校, 各有关单位.
  if (/^各/.test(n) && n.length <= 16) return true;
  return UNIT_END.test(n);
}

/**
 * Splits "A、B和C" at separators outside parentheses, so 各县(市、区) stays whole. 和/及 split only
 * between two unit names (市工业和信息化局 is one unit), and 各区、县(市)教育局 is one collective.
 */
export function splitUnitList(list: TextSpan): TextSpan[] {
  const raw: { span: TextSpan; sep: string }[] = [];
  let depth = 0;
  let start = 0;
  const n = list.norm;
  for (let i = 0; i <= n.length; i++) {
    const c = n[i];
    if (c === '(' || c === '〔' || c === '[') depth++;
    else if (c === ')' || c === '〕' || c === ']') depth = Math.max(0, depth - 1);
    const sep = i === n.length || (depth === 0 && /[、,;/\s]/.test(c)) || (depth === 0 && (c === '和' || c === '及') && i > start + 1);
    if (sep) {
      const piece = trimSpan(sliceSpan(list, start, i));
      if (piece.norm) raw.push({ span: piece, sep: c ?? '' });
      start = i + 1;
    }
  }
  const out: { span: TextSpan; sep: string }[] = [];
  for (const piece of raw) {
    const prev = out[out.length - 1];
    const joinable =
      prev &&
      // "市工业" 和 "信息化局": a conjunction inside one name.
      (((prev.sep === '和' || prev.sep === '及') && !looksLikeUnit(prev.span.norm)) ||
        // "各区"、"县(市)教育局": one collective spelled with a list of levels.
        (prev.sep === '、' && /^各[区县市]$/.test(prev.span.norm) && /^[区县市]/.test(piece.span.norm)));
    if (joinable) {
      const from = list.orig.indexOf(prev.span.orig);
      const to = list.orig.indexOf(piece.span.orig, from + prev.span.orig.length) + piece.span.orig.length;
      const normFrom = from;
      prev.span = { orig: list.orig.slice(from, to), norm: list.norm.slice(normFrom, to) };
      prev.sep = piece.sep;
    } else out.push({ ...piece });
  }
  return out.map((p) => p.span);
}

export interface UnitEntry {
  name: string;
  /** Marked in place as the lead: "市发展改革委（牵头）". */
  markedLead: boolean;
}

const LEAD_MARK = /\s*(?:\(\s*牵头\s*\)|\(\s*牵头单位\s*\)|\*)$/;

/** The unit names of a list, with in-place lead marks removed and remembered. */
export function unitEntries(list: TextSpan): UnitEntry[] {
  const out: UnitEntry[] = [];
  for (const p of splitUnitList(list)) {
    const mark = LEAD_MARK.exec(p.norm);
    let norm = mark ? p.norm.slice(0, mark.index) : p.norm;
    // "市财政局等": the list's "and others" is not part of the name.
    if (/.{2,}等$/.test(norm) && looksLikeUnit(norm.slice(0, -1))) norm = norm.slice(0, -1);
    if (!looksLikeUnit(norm)) continue;
    out.push({ name: p.orig.slice(0, norm.length).trim(), markedLead: !!mark });
  }
  return out;
}

function unitNames(list: TextSpan): string[] {
  return unitEntries(list).map((e) => e.name);
}

export function emptyDepartments(): PlanDepartments {
  return { lead: [], support: [] };
}

function add(target: string[], names: string[]): void {
  for (const n of names) if (!target.includes(n)) target.push(n);
}

type Role = 'lead' | 'support' | 'responsible';

const ROLE_WORDS: [RegExp, Role][] = [
  [/^(?:牵头|牵头负责|主要负责|主抓|总牵头)$/, 'lead'],
  [/^(?:配合|协同|协助|参与|协办|配合落实)$/, 'support'],
  // "A、B按职责分工负责" after a lead clause means support; standing alone the units share the lead.
  [/^(?:负责|落实|主责|具体负责|负责落实|组织实施|实施|按职责分工负责|按职责负责|分工负责|共同负责|按职责落实)$/, 'responsible'],
];

function roleOf(word: string): Role | null {
  for (const [re, role] of ROLE_WORDS) if (re.test(word)) return role;
  return null;
}

export interface DepartmentRules {
  /** The document says "列第一位者为牵头单位": in a plain list the first unit leads. */
  firstListedLeads: boolean;
}

function assignList(result: PlanDepartments, names: string[], role: Role, rules: DepartmentRules): void {
  if (role === 'lead') add(result.lead, names);
  else if (role === 'support') add(result.support, names);
  else if (rules.firstListedLeads && names.length > 0) {
    add(result.lead, names.slice(0, 1));
    add(result.support, names.slice(1));
  } else add(result.lead, names);
}

/**
 * "市教育局牵头,市财政局、市人社局配合" / "A、B负责" / "牵头单位:A;责任单位:B" / a bare list.
 * Returns null when the content is not an attribution at all.
 */
export function parseAttribution(content: TextSpan, rules: DepartmentRules): PlanDepartments | null {
  const result = emptyDepartments();
  let any = false;
  // Labelled fields inside the parentheses.
  const labelled = findLabelledFields(content, rules);
  if (labelled) return labelled;
  for (const clause of splitClauses(content)) {
    const m = /^(.*?)(牵头负责|牵头|主要负责|总牵头|按职责分工负责|按职责负责|分工负责|共同负责|配合落实|按职责落实|配合|协同|协助|参与|协办|具体负责|负责落实|负责|主责|落实)$/.exec(clause.norm);
    if (m && m[1]) {
      const names = unitNames(sliceSpan(clause, 0, m[1].length));
      if (names.length === 0) return null;
      const role = roleOf(m[2]) ?? 'responsible';
      assignList(result, names, role === 'responsible' && result.lead.length ? 'support' : role, rules);
      any = true;
      continue;
    }
    const entries = unitEntries(clause);
    const pieces = splitUnitList(clause);
    if (entries.length === 0 || entries.length !== pieces.length) return null;
    if (entries.some((e) => e.markedLead)) {
      // "(市教育局(牵头)、市财政局)": the mark decides.
      add(result.lead, entries.filter((e) => e.markedLead).map((e) => e.name));
      add(result.support, entries.filter((e) => !e.markedLead).map((e) => e.name));
    } else assignList(result, entries.map((e) => e.name), any ? 'support' : 'responsible', rules);
    any = true;
  }
  return any ? result : null;
}

function sentences(s: TextSpan): TextSpan[] {
  const out: TextSpan[] = [];
  let start = 0;
  for (let i = 0; i <= s.norm.length; i++) {
    if (i === s.norm.length || /[。;\n]/.test(s.norm[i])) {
      const piece = trimSpan(sliceSpan(s, start, i));
      if (piece.norm) out.push(piece);
      start = i + 1;
    }
  }
  return out;
}

function splitClauses(s: TextSpan): TextSpan[] {
  const out: TextSpan[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i <= s.norm.length; i++) {
    const c = s.norm[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (i === s.norm.length || (depth === 0 && /[,;。]/.test(c))) {
      const piece = trimSpan(sliceSpan(s, start, i));
      if (piece.norm) out.push(piece);
      start = i + 1;
    }
  }
  return out;
}

const LABEL = /((?:牵头|主要责任|责任|配合|协同配合|协同|协办|参与|承办|主办|实施)(?:单位|部门|处室|科室|主体))\s*[:：]\s*/g;

function labelRole(label: string, hasLead: boolean): Role {
  if (/牵头|主要责任|主办/.test(label)) return 'lead';
  if (/配合|协同|协办|参与/.test(label)) return 'support';
  return hasLead ? 'support' : 'responsible';
}

/** "牵头单位:市教育局;责任单位:市财政局、市人社局". */
export function findLabelledFields(text: TextSpan, rules: DepartmentRules): PlanDepartments | null {
  const labels = [...text.norm.matchAll(LABEL)];
  if (labels.length === 0) return null;
  const hasLead = labels.some((l) => /牵头|主要责任|主办/.test(l[1]));
  const result = emptyDepartments();
  labels.forEach((l, k) => {
    const from = l.index + l[0].length;
    const next = k + 1 < labels.length ? labels[k + 1].index : text.norm.length;
    const to = topLevelStop(text.norm, from, next);
    assignList(result, unitNames(sliceSpan(text, from, to)), labelRole(l[1], hasLead), rules);
  });
  return result.lead.length + result.support.length > 0 ? result : null;
}

/** The first 。/;/newline, or a ")" closing an enclosing parenthesis, at depth 0 after `from`. */
function topLevelStop(norm: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = norm[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && /[。;\n]/.test(c)) return i;
  }
  return limit;
}

function merge(into: PlanDepartments, from: PlanDepartments): void {
  add(into.lead, from.lead);
  add(into.support, from.support.filter((n) => !into.lead.includes(n)));
}

/**
 * The units an item's text formally assigns: labelled fields, attributions in parentheses that close a
 * sentence or the paragraph, and "由…牵头负责".
 */
export function findDepartments(text: TextSpan, rules: DepartmentRules): PlanDepartments {
  const result = emptyDepartments();
  const norm = maskCitations(text.norm);
  const masked: TextSpan = { orig: text.orig, norm };
  const labelled = findLabelledFields(masked, rules);
  if (labelled) merge(result, labelled);

  // Parenthetical attributions: "(市教育局牵头,市财政局配合)" right before 。/; or the end.
  const paren = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;
  for (const m of norm.matchAll(paren)) {
    let a = m.index + m[0].length;
    while (a < norm.length && (norm[a] === ' ' || norm[a] === '\t')) a++;
    // Only the next few characters matter; slicing the whole tail would make long texts quadratic.
    const after = norm.slice(a, a + 2);
    if (after !== '' && !/^[。;\n]/.test(after)) continue;
    const content = sliceSpan(masked, m.index + 1, m.index + m[0].length - 1);
    if (new RegExp(LABEL.source).test(content.norm)) continue;
    // A bare list of units attributes the text only when it stands apart: "…。(政策法规科)", not "集团(联盟)".
    let b = m.index;
    while (b > 0 && (norm[b - 1] === ' ' || norm[b - 1] === '\t')) b--;
    const standsApart = b === 0 || /[。;!?\n]/.test(norm[b - 1]);
    const closesText = after === '' || after.startsWith('。');
    const official = splitUnitList(content).every((p) => STRONG_UNIT_END.test(p.norm) || /^各.{1,14}$/.test(p.norm));
    if (!standsApart && !(closesText && official) && !/(牵头|负责|配合|协同|协助|参与|协办|落实|主责)/.test(content.norm)) continue;
    const parsed = parseAttribution(content, rules);
    if (parsed) merge(result, parsed);
  }

  // A sentence that is nothing but an attribution: "由市卫生健康委牵头负责,市委编办、市人社局配合。"
  for (const sentence of sentences(masked)) {
    const body = sentence.norm.replace(/^由/, '');
    if (!/(牵头|配合|协同|参与)/.test(body) || body.length > 120) continue;
    const offset = sentence.norm.length - body.length;
    const parsed = parseAttribution(sliceSpan(sentence, offset), rules);
    if (parsed) merge(result, parsed);
  }

  // "由州委教育工委、州教育体育局牵头负责" / "由市教育局负责".
  const by = /由([^。;,由]{2,80}?)(牵头负责|牵头,|负责)/g;
  for (const m of norm.matchAll(by)) {
    const names = unitNames(sliceSpan(masked, m.index + 1, m.index + 1 + m[1].length));
    const pieces = splitUnitList(sliceSpan(masked, m.index + 1, m.index + 1 + m[1].length));
    if (names.length === 0 || names.length !== pieces.length) continue;
    assignList(result, names, m[2].startsWith('牵头') ? 'lead' : 'responsible', rules);
  }
  return result;
}

/** Whether the document declares that the first unit of a list is the lead unit. */
export function declaresFirstListedLeads(fullNorm: string): boolean {
  return /((列|排)(在)?(第一位|首位)|排名第一|排序第一|(第一个|首个)(单位|部门))的?(者|单位|部门)?(为|是)牵头/.test(fullNorm);
}
