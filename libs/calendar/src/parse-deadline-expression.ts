import { NUMBER_PATTERN, normalizePhrase, parseSmallNumber } from './chinese-numeral.js';
import { daysInMonth } from './civil-date.js';
import { type DeadlineExpression, DeadlineExpressionError } from './deadline-expression.js';

const N = `(${NUMBER_PATTERN})`;
/** An explicit year ('2024年'), or 本年/今年 which mean the reference year. */
const YEAR = '(?:(\\d{4})年|本年|今年)?';
const BEFORE = '(?:前|之前|以前)?';
/** Plans often write '年底前完成'; the verb adds nothing to the date. */
const DONE = '(?:完成|办结|落实到位|到位)?';

type Rule = { re: RegExp; build: (m: RegExpExecArray, text: string) => DeadlineExpression };

const yearOf = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

function month(s: string, text: string): number {
  const m = parseSmallNumber(s);
  if (m < 1 || m > 12) throw new DeadlineExpressionError(`month ${m} is not 1–12 in ${JSON.stringify(text)}`, text);
  return m;
}

function positive(s: string, what: string, text: string): number {
  const n = parseSmallNumber(s);
  if (n < 1) throw new DeadlineExpressionError(`${what} must be at least 1 in ${JSON.stringify(text)}`, text);
  return n;
}

const RULES: Rule[] = [
  {
    re: new RegExp(`^${N}个工作日(?:内|之内|以内)?${DONE}$`),
    build: (m, text) => ({ kind: 'working-days', days: positive(m[1]!, 'working-day count', text), text }),
  },
  {
    re: new RegExp(`^${N}(?:日|天)(?:内|之内|以内)${DONE}$`),
    build: (m, text) => ({ kind: 'calendar-days', days: positive(m[1]!, 'day count', text), text }),
  },
  {
    re: new RegExp(`^(?=.*年)(?:(\\d{4})年|本年|今年)?年?(?:底|末)${BEFORE}${DONE}$`),
    build: (m, text) => ({ kind: 'end-of-year', year: yearOf(m[1]), text }),
  },
  {
    re: new RegExp(`^${YEAR}${N}月(?:份)?(?:底|末)${BEFORE}${DONE}$`),
    build: (m, text) => ({ kind: 'end-of-month', month: month(m[2]!, text), year: yearOf(m[1]), text }),
  },
  {
    re: new RegExp(`^${YEAR}${N}月${N}(?:日|号)${BEFORE}${DONE}$`),
    build: (m, text) => {
      const mo = month(m[2]!, text);
      const day = positive(m[3]!, 'day', text);
      const year = yearOf(m[1]);
      // Without a year, allow Feb 29: it is checked again when the year is known.
      if (day > daysInMonth(year ?? 2024, mo)) {
        throw new DeadlineExpressionError(`${JSON.stringify(text)} is not a real date`, text);
      }
      return { kind: 'date', month: mo, day, year, text };
    },
  },
  {
    re: new RegExp(`^${YEAR}(上|下)半年(?:底|末)?(?:前|内|之内)?${DONE}$`),
    build: (m, text) => ({ kind: 'end-of-half', half: m[2] === '上' ? 1 : 2, year: yearOf(m[1]), text }),
  },
  {
    re: new RegExp(`^${YEAR}第?${N}季度(?:末|底)${BEFORE}${DONE}$`),
    build: (m, text) => {
      const q = parseSmallNumber(m[2]!);
      if (q < 1 || q > 4) throw new DeadlineExpressionError(`quarter ${q} is not 1–4 in ${JSON.stringify(text)}`, text);
      return { kind: 'end-of-quarter', quarter: q as 1 | 2 | 3 | 4, year: yearOf(m[1]), text };
    },
  },
  {
    re: new RegExp(`^每(?:个)?季度(?:末|底)${BEFORE}${DONE}$`),
    build: (_m, text) => ({ kind: 'every-quarter-end', text }),
  },
  {
    re: new RegExp(`^每(?:个)?月(?:底|末)${BEFORE}${DONE}$`),
    build: (_m, text) => ({ kind: 'every-month-day', day: 'last', text }),
  },
  {
    re: new RegExp(`^每(?:个)?月${N}(?:日|号)${BEFORE}${DONE}$`),
    build: (m, text) => {
      const day = positive(m[1]!, 'day', text);
      if (day > 31) throw new DeadlineExpressionError(`day ${day} is not 1–31 in ${JSON.stringify(text)}`, text);
      return { kind: 'every-month-day', day, text };
    },
  },
];

/**
 * Parses one deadline phrase ('5个工作日内', '年底前', '2024年10月12日前', '每季度末', …).
 * Throws DeadlineExpressionError naming the phrase when it is not one we understand: a deadline
 * we cannot read must be reviewed by a person, never guessed.
 */
export function parseDeadlineExpression(text: string): DeadlineExpression {
  if (typeof text !== 'string') throw new DeadlineExpressionError('deadline phrase must be a string', String(text));
  const phrase = normalizePhrase(text);
  if (phrase.length === 0) throw new DeadlineExpressionError('deadline phrase is empty', text);
  for (const rule of RULES) {
    const m = rule.re.exec(phrase);
    if (m) return rule.build(m, text.trim());
  }
  throw new DeadlineExpressionError(`unrecognised deadline phrase ${JSON.stringify(text)}`, text);
}

/** Like parseDeadlineExpression, but returns null instead of throwing for unrecognised phrases. */
export function tryParseDeadlineExpression(text: string): DeadlineExpression | null {
  try {
    return parseDeadlineExpression(text);
  } catch (e) {
    if (e instanceof DeadlineExpressionError) return null;
    throw e;
  }
}
