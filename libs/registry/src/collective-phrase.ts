/**
 * Recognises collective department phrases in a core key (simplified, punctuation removed,
 * 人民政府 → 政府), e.g. 各县（市、区） → "各县市区".
 */
export type CollectivePhrase =
  /** every county-level unit, or (with a remainder such as 教育局) the matching unit in each county */
  | { readonly type: 'county'; readonly remainder: string }
  /** "all relevant departments": only the coordinator can say which */
  | { readonly type: 'choice' };

const COUNTY_WORDS = /^(各)?(县市区|县区市|县市|县区|区县|县级|县)(.*)$/;
/** Remainders that still mean the county as a whole (its government and/or party committee). */
const COUNTY_AS_WHOLE = /^(?:|政府|党委|党委和政府|党委政府|政府和党委|党政)$/;
const CHOICE_SUFFIX = /(?:部门|单位|委办局|高校|学校|院校|机构|组织|乡镇|街道)$/;
const CHOICE_MARK = /各|有关|相关|所属|直属|其他|成员|责任/;
const CHOICE_WHOLE = /^(?:部门|单位|群团组织|群团)$/;

export function detectCollective(core: string): CollectivePhrase | null {
  // "全州各县市", "市各县区": the jurisdiction word in front adds nothing.
  const text = core.replace(/^全?[市州](?=各)/, '');
  const county = COUNTY_WORDS.exec(text);
  if (county) {
    const [, each, , rest = ''] = county;
    const remainder = rest.replace(/^(?:和|及)/, '');
    if (COUNTY_AS_WHOLE.test(remainder)) {
      // A bare 县 or 县级 without 各 is only collective when it names the county governments.
      if (each || (county[2] !== '县' && county[2] !== '县级') || remainder !== '') return { type: 'county', remainder: '' };
    } else if (each || county[2]!.length >= 2) {
      if (!CHOICE_MARK.test(remainder)) return { type: 'county', remainder };
    }
  }
  if (text.length <= 20 && CHOICE_SUFFIX.test(text) && CHOICE_MARK.test(text)) return { type: 'choice' };
  if (CHOICE_WHOLE.test(text) || /成员单位$/.test(text)) return { type: 'choice' };
  return null;
}
