import { Converter } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

/**
 * Traditional → simplified. The Hong Kong table covers the 臺/關于/鶴 forms Guangdong sites publish;
 * text that is already simplified passes through unchanged. Built lazily: the dictionaries are large.
 */
let convert: Convert | undefined;

export function toSimplified(text: string): string {
  if (!convert) convert = Converter({ from: 'hk', to: 'cn' }) as Convert;
  return convert(text);
}
