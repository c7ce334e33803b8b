/**
 * Draft item paths join numbering tokens from the outside in (`三.(一).2`, `六.68`, `附件.一`). An
 * item's parent is its nearest ancestor path that exists: a table row may sit under a section row
 * that the document never printed as its own item.
 */
export function ancestorPaths(path: string): string[] {
  const tokens = path.split('.');
  const out: string[] = [];
  for (let n = tokens.length - 1; n > 0; n--) out.push(tokens.slice(0, n).join('.'));
  return out;
}

export function nearestExisting<T>(path: string, byPath: ReadonlyMap<string, T>): T | null {
  for (const p of ancestorPaths(path)) {
    const hit = byPath.get(p);
    if (hit !== undefined) return hit;
  }
  return null;
}

export function isDescendantPath(path: string, ancestor: string): boolean {
  return path.startsWith(`${ancestor}.`);
}
