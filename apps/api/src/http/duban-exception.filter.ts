import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DubanError, type DubanErrorCode } from '@duban/access';

const STATUS: Record<DubanErrorCode, number> = {
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
};

/** The one place use-case errors become HTTP: `{ statusCode, error, message, ...details }`. */
@Catch()
export class DubanExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DubanError) {
      res.status(STATUS[exception.code]).json({ statusCode: STATUS[exception.code], error: exception.code, message: exception.message, ...exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json(httpBody(exception));
      return;
    }
    // Two writers racing past the same unique constraint: the loser gets a conflict, not a 500.
    if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '23505') {
      res.status(409).json({ statusCode: 409, error: 'conflict', message: '数据已存在或已被他人修改，请刷新后重试' });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(500).json({ statusCode: 500, error: 'internal', message: '服务器内部错误' });
  }
}

/** Framework errors (malformed JSON, body too large, unknown route) in the same shape and language as ours. */
const FRAMEWORK_MESSAGES: Record<number, [string, string]> = {
  400: ['bad_request', '请求格式有误'],
  401: ['unauthenticated', '请先登录'],
  403: ['forbidden', '无权执行此操作'],
  404: ['not_found', '接口或资源不存在'],
  405: ['method_not_allowed', '不支持该请求方法'],
  413: ['payload_too_large', '请求体过大'],
  415: ['unsupported_media_type', '不支持的请求格式'],
};

function httpBody(exception: HttpException): Record<string, unknown> {
  const status = exception.getStatus();
  const body = exception.getResponse();
  // Our own bodies (validation errors, guards) already carry a snake_case error code.
  if (typeof body === 'object' && body !== null && /^[a-z_]+$/.test(String((body as { error?: unknown }).error ?? ''))) {
    return body as Record<string, unknown>;
  }
  const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
  const [error, message] = FRAMEWORK_MESSAGES[status] ?? ['http_error', '请求失败'];
  return { statusCode: status, error, message: `${message}：${detail}`, detail };
}
