const OPEN = '(（[【〔';
const CLOSE = ')）]】〕';
const SEPARATORS = '、，,/／;；\n\t ';

/** Words around a list that are not part of any unit's name. */
function trimFraming(piece: string): string {
  const trimmed = piece
    .trim()
    .replace(/^(?:牵头单位|责任单位|主要责任单位|配合单位|协同配合单位|协办单位)[:：]/, '')
    .replace(/[(（](?:牵头|配合|负责|牵头单位|配合单位|责任单位)[)）]$/, '')
    .replace(/^(?:由|请|会同)/, '')
    .replace(/(?:牵头负责|牵头|负责|配合|按职责分工负责)$/, '')
    .replace(/等(?:有关|相关)?(?:部门|单位)?$/, '');
  return trimmed === '' ? piece.trim() : trimmed;
}

/**
 * Splits "州教育体育局、州财政局，各县市人民政府" into names on 、，,/; — but never inside brackets,
 * so 各县（市、区） stays whole. Conjunctions (和/及/与) are left for the resolver, because they also
 * occur inside real names (人力资源和社会保障局, 政策法规与民办教育科).
 */
export function splitNameList(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.includes(ch)) {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces.map(trimFraming).filter((p) => p !== '');
}

/** Candidate splits of one piece at 和/及/与 (outside brackets), or [] when there is none. */
export function splitAtConjunctions(piece: string): string[] {
  const parts = piece.split(/和|及|与/).map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => p !== '') ? parts : [];
}
