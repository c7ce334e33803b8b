import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** A path id that is not a uuid names nothing: 404, like any id the caller may not see. */
export function uuidOr404(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new NotFoundException({ statusCode: 404, error: 'not_found', message: `${what}不存在` }),
  });
}
