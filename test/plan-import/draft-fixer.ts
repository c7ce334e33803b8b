import type { DraftView } from '@duban/plan-import';

/** The review operations a coordinator uses to settle a draft, over the API or the use-cases. */
export interface DraftEditor {
  setTitle(title: string): Promise<DraftView>;
  addAssignment(itemId: string, departmentId: string, role: 'lead' | 'support'): Promise<DraftView>;
  resolve(assignmentId: string, departmentId: string): Promise<DraftView>;
  remove(assignmentId: string): Promise<DraftView>;
  setRole(assignmentId: string, role: 'lead' | 'support'): Promise<DraftView>;
  setItemDeadline(itemId: string, deadline: string): Promise<DraftView>;
}

/**
 * What a coordinator does with the seed plans before publishing: a title where the parser found
 * none, the education bureau as lead where the document names no unit, a candidate (or removal)
 * for names that did not resolve, a deadline where the document sets none. Returns the settled draft.
 */
export async function settleDraft(draft: DraftView, editor: DraftEditor, leadDepartmentId: string, fallbackDeadline: string): Promise<DraftView> {
  let v = draft;
  for (let round = 0; round < 500; round++) {
    const p = v.problems.find((x) => x.blocking);
    if (!p) return v;
    switch (p.code) {
      case 'missing_title':
        v = await editor.setTitle(`${v.fileName}（审核后标题）`);
        break;
      case 'no_department':
        v = await editor.addAssignment(p.itemId!, leadDepartmentId, 'lead');
        break;
      case 'no_lead': {
        const item = v.items.find((i) => i.id === p.itemId)!;
        v = await editor.setRole(item.assignments[0].id, 'lead');
        break;
      }
      case 'unresolved_department':
      case 'collective_needs_choice': {
        const item = v.items.find((i) => i.id === p.itemId)!;
        const taken = new Set(item.assignments.map((a) => a.departmentId));
        const candidate = p.candidates?.find((c) => !taken.has(c.departmentId));
        v = candidate ? await editor.resolve(p.assignmentId!, candidate.departmentId) : await editor.remove(p.assignmentId!);
        break;
      }
      case 'missing_deadline':
        v = await editor.setItemDeadline(p.itemId!, fallbackDeadline);
        break;
      default:
        throw new Error(`no fix for blocking problem ${p.code}: ${p.message}`);
    }
  }
  throw new Error('draft did not settle');
}
