import { describe, it, expect } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeInput, decodeText, detectScript, foldWidth, normalizeText, PlanParseError, simplify, toSourceLines } from '@duban/plan-parser';

const SAMPLE = '一、重点任务\n(一)推进学前教育普及普惠。';

describe('decodeText', () => {
  it('reads UTF-8, UTF-8 with BOM and GB18030 alike', () => {
    expect(decodeText(Buffer.from(SAMPLE, 'utf8'))).toBe(SAMPLE);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]))).toBe(SAMPLE);
    expect(decodeText(iconv.encode(SAMPLE, 'gb18030'))).toBe(SAMPLE);
  });

  it('keeps a UTF-8 text cut inside a multi-byte character', () => {
    const bytes = Buffer.from(SAMPLE, 'utf8');
    expect(decodeText(bytes.subarray(0, bytes.length - 1))).toBe(SAMPLE.slice(0, -1));
  });

  it('rejects binary content', () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]))).toThrow(PlanParseError);
  });
});

describe('decodeInput', () => {
  it.each([
    ['EMPTY', Buffer.alloc(0), 'a.txt'],
    ['TOO_LARGE', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.txt'],
    ['BINARY', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), 'x.txt'],
    ['UNSUPPORTED_FORMAT', Buffer.from('%PDF-1.7 ...'), 'plan.pdf'],
    ['EMPTY', Buffer.from('  \n \n'), 'blank.txt'],
  ])('rejects with %s', async (code, bytes, name) => {
    await expect(decodeInput(bytes, name)).rejects.toMatchObject({ code });
  });

  it('gives a Chinese and English reason', async () => {
    const err = await decodeInput(Buffer.alloc(0), 'a.txt').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanParseError);
    expect((err as PlanParseError).message).toMatch(/文件为空.*empty/);
  });
});

describe('normalize', () => {
  it('folds full-width ASCII and keeps the length', () => {
    const s = '（一）到２０２５年，达到５０％以上：';
    expect(foldWidth(s)).toBe('(一)到2025年,达到50%以上:');
    expect(foldWidth(s)).toHaveLength(s.length);
  });

  it('simplifies traditional characters and keeps the length', () => {
    const s = '江門市教育行動方案(2023-2027年),各縣(市、區)';
    expect(simplify(s)).toBe('江门市教育行动方案(2023-2027年),各县(市、区)');
    expect(simplify(s)).toHaveLength(s.length);
  });

  it('keeps the original line beside the normalized one', () => {
    const [line] = toSourceLines('（一）強化組織領導。');
    expect(line).toEqual({ no: 1, orig: '（一）強化組織領導。', norm: normalizeText('（一）強化組織領導。') });
    expect(line.norm).toBe('(一)强化组织领导。');
  });

  it('detects the script', () => {
    expect(detectScript(toSourceLines('各縣(市、區)要落實屬地管理責任'))).toBe('traditional');
    expect(detectScript(toSourceLines('各县(市、区)要落实属地管理责任'))).toBe('simplified');
  });
});
