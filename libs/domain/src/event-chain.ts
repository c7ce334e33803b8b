import { createHash } from 'node:crypto';

/** The fields of a task event that its hash covers. */
export interface ChainedEventContent {
  taskId: string;
  seq: number;
  type: string;
  actorId: string | null;
  occurredAt: Date;
  payload: unknown;
  prevHash: string | null;
}

export interface ChainedEvent extends ChainedEventContent {
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 over the event content including the previous event's hash: editing any event breaks every later link. */
export function hashEvent(event: ChainedEventContent): string {
  const content = canonicalJson({
    taskId: event.taskId,
    seq: event.seq,
    type: event.type,
    actorId: event.actorId,
    occurredAt: event.occurredAt.toISOString(),
    payload: event.payload ?? null,
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

export type ChainVerdict =
  | { valid: true; length: number; headHash: string | null }
  | { valid: false; length: number; brokenAtSeq: number; reason: string };

/** Verifies one task's events, ordered by seq: numbering without gaps, links, and each hash. */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerdict {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const fail = (reason: string): ChainVerdict => ({ valid: false, length: events.length, brokenAtSeq: e.seq, reason });
    if (e.seq !== i + 1) return fail(`expected seq ${i + 1}, found ${e.seq} (an event is missing or reordered)`);
    if (e.prevHash !== prev) return fail(`prev_hash does not match the hash of event ${i}`);
    if (hashEvent(e) !== e.hash) return fail(`content of event ${e.seq} does not match its hash (altered)`);
    prev = e.hash;
  }
  return { valid: true, length: events.length, headHash: prev };
}
