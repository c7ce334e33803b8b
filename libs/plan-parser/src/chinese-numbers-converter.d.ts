// The package ships without type declarations; this is the part of its API the parser uses.
declare module 'chinese-numbers-converter' {
  export default class ChineseNumber {
    constructor(text: string);
    toInteger(): number;
    toArabicString(minChars?: number): string;
  }
}
