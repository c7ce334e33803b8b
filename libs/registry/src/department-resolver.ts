import { detectCollective } from './collective-phrase.js';
import { splitAtConjunctions, splitNameList } from './name-list.js';
import { coreKey, lightKey } from './name-normalizer.js';
import type { Registry, RegistryDepartment } from './registry.types.js';
import type { Resolution, ResolutionMatch } from './resolution.types.js';
import { buildResolverIndex, type ResolverIndex } from './resolver-index.js';
import { isOutsideJurisdiction, leadingPlace } from './outside-jurisdiction.js';
import { editSimilarity, nameSimilarity } from './similarity.js';

export interface ResolverOptions {
  /** Lowest fuzzy score offered to the reviewer at all (default 0.72). */
  readonly threshold?: number;
  /** Candidates kept within this distance of the best one (default 0.1). */
  readonly margin?: number;
  /** At most this many fuzzy candidates (default 5). */
  readonly maxCandidates?: number;
}

export interface DepartmentResolver {
  readonly registry: Registry;
  /** Resolves one department name. Never throws on odd input: it reports `unresolved` instead. */
  resolve(name: string): Resolution;
  /** Splits a list (、，,/; and 和/及/与 where that yields real units) and resolves each name in order. */
  resolveMany(text: string): Resolution[];
  /** Every county-level unit (what 各县（市、区） expands to). */
  countyUnits(): readonly RegistryDepartment[];
}

/** Two candidates closer than this are reported as ambiguous rather than as one guess. */
const TIE = 0.03;
/** A name naming another county, or naming no county for a county's unit, is a weaker match. */
const OTHER_COUNTY_FACTOR = 0.5;
const COUNTY_UNIT_WITHOUT_COUNTY_FACTOR = 0.75;

const round = (n: number): number => Math.round(n * 1000) / 1000;
const fmt = (n: number): string => n.toFixed(2);
const toMatch = (dep: RegistryDepartment, score: number): ResolutionMatch => ({ code: dep.code, name: dep.name, score: round(score) });

function countyFactor(inputCounties: ReadonlySet<string>, formCounties: ReadonlySet<string>): number {
  if (inputCounties.size > 0) {
    for (const c of inputCounties) if (formCounties.has(c)) return 1;
    return OTHER_COUNTY_FACTOR;
  }
  return formCounties.size > 0 ? COUNTY_UNIT_WITHOUT_COUNTY_FACTOR : 1;
}

export function createResolver(registry: Registry, options: ResolverOptions = {}): DepartmentResolver {
  const threshold = options.threshold ?? 0.72;
  const margin = options.margin ?? 0.1;
  const maxCandidates = options.maxCandidates ?? 5;
  const index: ResolverIndex = buildResolverIndex(registry);

  /**
   * Our own place under another level word or shortened (楚雄自治州) is still ours; one changed
   * character in a three-character place is not (抚州市 is not 抚顺市, 荆门市 is not 江门市).
   */
  function isOwnPlace(place: string): boolean {
    return index.naming.placeNames.some((own) => place.slice(0, 2) === own.slice(0, 2) || editSimilarity(place, own) >= 0.75);
  }

  /** Best score per department among the allowed ones, highest first. */
  function rank(core: string, allowed?: (dep: RegistryDepartment) => boolean): ResolutionMatch[] {
    const inputCounties = index.mentionedCounties(core);
    const best = new Map<string, { dep: RegistryDepartment; score: number }>();
    for (const form of index.forms) {
      if (allowed && !allowed(form.department)) continue;
      const score = nameSimilarity(core, form.core) * countyFactor(inputCounties, form.counties);
      const prev = best.get(form.department.code);
      if (!prev || score > prev.score) best.set(form.department.code, { dep: form.department, score });
    }
    return [...best.values()]
      .filter((c) => c.score >= threshold)
      .sort((a, b) => b.score - a.score || a.dep.code.localeCompare(b.dep.code))
      .map((c) => toMatch(c.dep, c.score));
  }

  function fuzzy(input: string, core: string): Resolution {
    const ranked = rank(core);
    const place = leadingPlace(core);
    // 大理州教育体育局 is not 楚雄州教育体育局, however similar the rest: another place is outside.
    const foreign = place !== undefined && !isOwnPlace(place);
    if (foreign && ranked[0]?.score !== 1 && index.mentionedCounties(core).size === 0) {
      return {
        status: 'unresolved', reason: 'outside_jurisdiction', input, matches: [],
        note: `“${input}”属于${place}，不在本辖区部门库中，请确认是否需要分派`,
      };
    }
    if (ranked.length === 0) {
      return { status: 'unresolved', reason: 'no_match', input, matches: [], note: `部门库中找不到“${input}”，请人工指定承办单位` };
    }
    const top = ranked[0]!.score;
    const matches = ranked.filter((m) => m.score >= top - margin).slice(0, maxCandidates);
    const tied = matches.filter((m) => m.score >= top - TIE);
    if (tied.length > 1) {
      const list = tied.map((m) => `${m.name}（${fmt(m.score)}）`).join('、');
      return { status: 'fuzzy', reason: 'ambiguous', input, matches, note: `“${input}”可能是：${list}，请选择` };
    }
    const first = matches[0]!;
    if (top === 1) {
      return { status: 'fuzzy', reason: 'normalized_equal', input, matches, note: `“${input}”按繁简、标点归一后即“${first.name}”，请确认` };
    }
    return { status: 'fuzzy', reason: 'similar', input, matches, note: `“${input}”最接近“${first.name}”（相似度 ${fmt(first.score)}），请确认` };
  }

  function countyCollective(input: string, remainder: string): Resolution {
    const counties = index.counties;
    if (remainder === '') {
      return {
        status: 'collective', reason: 'county_collective', input,
        matches: counties.map((c) => toMatch(c, 1)),
        note: `“${input}”展开为全部 ${counties.length} 个县级单位`,
      };
    }
    // 各县（市、区）教育局: the unit of that kind in each county, only if every county has one.
    const perCounty: ResolutionMatch[] = [];
    for (const county of counties) {
      const query = `${index.countyPlace.get(county.code) ?? ''}${remainder}`;
      const best = rank(query, (dep) => dep.code !== county.code && dep.code.startsWith(`${county.code}.`))[0];
      if (best) perCounty.push(best);
    }
    if (perCounty.length === counties.length) {
      return {
        status: 'collective', reason: 'county_collective_units', input, matches: perCounty,
        note: `“${input}”展开为 ${perCounty.length} 个县级单位的对应部门`,
      };
    }
    return {
      status: 'collective', reason: 'county_collective_unit_unknown', input,
      matches: counties.map((c) => toMatch(c, 1)),
      note: `部门库中没有各县的“${remainder}”，“${input}”暂按 ${counties.length} 个县级政府展开，请确认`,
    };
  }

  function resolve(name: string): Resolution {
    const input = name;
    const light = lightKey(name);
    if (light === '') return { status: 'unresolved', reason: 'empty', input, matches: [], note: '单位名称为空' };
    const named = index.byName.get(light);
    if (named) return { status: 'exact', reason: 'exact_name', input, matches: [toMatch(named, 1)] };
    const aliased = index.byAlias.get(light);
    if (aliased) {
      return { status: 'alias', reason: 'alias', input, matches: [toMatch(aliased, 1)], note: `“${input}”即“${aliased.name}”` };
    }
    const core = coreKey(name, index.naming);
    if (core === '') return { status: 'unresolved', reason: 'empty', input, matches: [], note: '单位名称为空' };
    const collective = detectCollective(core);
    if (collective?.type === 'county') return countyCollective(input, collective.remainder);
    if (collective?.type === 'choice') {
      return {
        status: 'collective', reason: 'needs_coordinator_choice', input, matches: [],
        note: `“${input}”是泛指，请督办人员指定具体承办单位`,
      };
    }
    if (isOutsideJurisdiction(core)) {
      return {
        status: 'unresolved', reason: 'outside_jurisdiction', input, matches: [],
        note: `“${input}”是省级或中央单位，不在本地部门库中，请确认是否需要分派`,
      };
    }
    return fuzzy(input, core);
  }

  const strong = (r: Resolution): boolean => r.status === 'exact' || r.status === 'alias' || r.status === 'collective';
  const confidence = (r: Resolution): number => (strong(r) ? 1 : (r.matches[0]?.score ?? 0));

  const isCountyCollective = (r: Resolution): boolean => r.reason === 'county_collective';

  /** "各县、区人民政府": the 、 inside a collective phrase splits it; put such pieces back together. */
  function rejoinCollectives(pieces: readonly string[]): string[] {
    const out: string[] = [];
    for (const piece of pieces) {
      const previous = out[out.length - 1];
      if (previous !== undefined && resolve(piece).status === 'unresolved' && isCountyCollective(resolve(`${previous}、${piece}`))) {
        out[out.length - 1] = `${previous}、${piece}`;
      } else {
        out.push(piece);
      }
    }
    return out;
  }

  function resolveMany(text: string): Resolution[] {
    const out: Resolution[] = [];
    for (const piece of rejoinCollectives(splitNameList(text))) {
      const whole = resolve(piece);
      const parts = strong(whole) ? [] : splitAtConjunctions(piece);
      if (parts.length > 0) {
        const split = parts.map(resolve);
        // Take the split only when every part is a unit and the parts are more convincing than the whole.
        if (split.every((r) => r.status !== 'unresolved') && Math.min(...split.map(confidence)) > confidence(whole)) {
          out.push(...split);
          continue;
        }
      }
      out.push(whole);
    }
    return out;
  }

  return { registry, resolve, resolveMany, countyUnits: () => index.counties };
}
