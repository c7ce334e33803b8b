import { describe, it, expect, jest } from '@jest/globals';
import { median, parseBenchArgs, printResult } from '../bench/bench-result.js';

/** The bench helpers live under test/bench (ignored by Jest), so their spec lives here. */
describe('bench-result', () => {
  it('computes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('parses --size/--runs and keeps other options', () => {
    expect(parseBenchArgs(['--size', '100', '--runs=3', '--mode', 'fast'])).toEqual({ size: 100, runs: 3, extra: { mode: 'fast' } });
    expect(() => parseBenchArgs(['--size', '0'])).toThrow(/positive integer/);
    expect(() => parseBenchArgs(['--runs'])).toThrow(/needs a value/);
    expect(() => parseBenchArgs(['oops'])).toThrow(/unexpected argument/);
  });

  it('prints the contract line with the ratio last on stdout', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const line = printResult({
        bench: 'parse',
        metric: 'throughput',
        value: 300,
        unit: 'documents/s',
        baseline: { name: 'read-and-split-lines', value: 6000, unit: 'documents/s' },
        higherIsBetter: true,
        size: 100,
        runs: 5,
        notes: 'n',
      });
      expect(JSON.parse(line)).toMatchObject({ bench: 'parse', value: 300, ratio: 0.05, size: 100, runs: 5, baseline: { value: 6000 } });
      expect(write).toHaveBeenCalledWith(`${line}\n`);
    } finally {
      write.mockRestore();
    }
  });
});
