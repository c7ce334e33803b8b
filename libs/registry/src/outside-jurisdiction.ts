/** National ministries a plan cites (教育部, 财政部 …); city units are 局/委, never 部 on their own. */
const MINISTRY = /^(?:教育|财政|人力资源社会保障|人力资源和社会保障|自然资源|住房城乡建设|住房和城乡建设|公安|民政|司法|商务|农业农村|交通运输|工业和信息化|科学技术|科技|文化和旅游|应急管理)部$/;

/**
 * Whether a core key names a provincial or national body (省教育厅, 云南省委, 教育部, 国家发展改革委).
 * Such names are outside any city's registry: they are reported, not fuzzily matched to the city
 * bureau with the same suffix (省体育局 is not 市体育局).
 */
export function isOutsideJurisdiction(core: string): boolean {
  if (/^(?:省|国家|中央|国务院|全国)/.test(core)) return true;
  if (/^[\u4e00-\u9fff]{2,3}省(?:委|政府)/.test(core)) return true;
  if (/厅$/.test(core)) return true;
  return MINISTRY.test(core);
}

/**
 * The place a core key starts with when it names a prefecture or city (大理州教育体育局 → 大理州,
 * 昆明市教育局 → 昆明市), or undefined. The jurisdiction's own place name has already been folded to
 * its level word by coreKey, and the resolver checks county names, so what remains is another place.
 */
export function leadingPlace(core: string): string | undefined {
  const match = /^([\u4e00-\u9fff]{2,6}?[州市])/.exec(core);
  if (!match) return undefined;
  // 各县市 / 县市区 are collectives, handled before; 城市管理局-like words have no 2-char place before 市.
  return /[各县区]/.test(match[1]!) ? undefined : match[1];
}
