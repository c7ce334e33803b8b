/**
 * Plan item paths join the numbering tokens from the outside in: `三`, `三.(一)`, `三.(一).2`.
 * The parent of an item is its path without the last token.
 */
const TOKEN = /^(?:[一二三四五六七八九十百零〇]+|\([一二三四五六七八九十百零〇]+\)|\d+|\(\d+\)|[①-⑳])$/;

export function isValidPlanPath(path: string): boolean {
  return path.length > 0 && path.split('.').every((t) => TOKEN.test(t));
}

export function parentPath(path: string): string | null {
  const i = path.lastIndexOf('.');
  return i < 0 ? null : path.slice(0, i);
}
