/**
 * The error vocabulary of the use-cases. The API maps codes to HTTP in one place; the CLI prints
 * the message. Messages are for officials (Chinese); `details` names fields for clients.
 */
export type DubanErrorCode =
  | 'not_found' // also what another department's task looks like: it does not exist for you
  | 'forbidden' // your role may not do this at all
  | 'conflict' // illegal in the current state, or someone changed it first
  | 'invalid' // well-formed but semantically wrong input
  | 'unauthenticated';

export class DubanError extends Error {
  constructor(
    readonly code: DubanErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DubanError';
  }

  static notFound(what: string, id: string): DubanError {
    return new DubanError('not_found', `${what}不存在：${id}`, { id });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a row (and must not reach Postgres as one). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
