import { describe, it, expect } from '@jest/globals';
import { hashEvent, verifyChain, canonicalJson, type ChainedEvent } from './event-chain.js';

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      taskId: 't-1',
      seq,
      type: seq === 1 ? 'TaskAssigned' : 'ProgressReported',
      actorId: 'u-1',
      occurredAt: new Date(Date.UTC(2024, 0, seq)),
      payload: { percent: seq * 10, note: '进展' },
      prevHash: prev,
    };
    const hash = hashEvent(content);
    events.push({ ...content, hash });
    prev = hash;
  }
  return events;
}

describe('event hash chain', () => {
  it('accepts an untouched chain and reports its head', () => {
    const events = chain(4);
    expect(verifyChain(events)).toEqual({ valid: true, length: 4, headHash: events[3].hash });
  });

  it('detects an altered payload at the altered event', () => {
    const events = chain(4);
    events[1] = { ...events[1], payload: { percent: 99, note: '进展' } };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 2 });
  });

  it('detects a deleted event', () => {
    const events = chain(4);
    events.splice(2, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 4 });
  });

  it('detects an event rewritten together with its own hash (the next link breaks)', () => {
    const events = chain(3);
    const forged = { ...events[1], actorId: 'u-2' };
    events[1] = { ...forged, hash: hashEvent(forged) };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 3 });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
