import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { UserService } from '@duban/organization';
import { ACTOR_KEY } from './current-actor.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

/**
 * Every route needs a valid bearer token unless marked @Public. The actor is reloaded from Postgres
 * on each request, so role, department and jurisdiction are never taken from the token's word alone.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UserService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: '请先登录' });
    let sub: string;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: '登录已失效，请重新登录' });
    }
    const actor = await this.users.loadActor(sub);
    if (!actor) throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: '用户不存在或已停用' });
    req[ACTOR_KEY] = actor;
    return true;
  }
}
