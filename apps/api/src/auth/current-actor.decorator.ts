import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@duban/access';

export const ACTOR_KEY = 'dubanActor';

/** The authenticated caller, put on the request by the JWT guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest()[ACTOR_KEY];
});
