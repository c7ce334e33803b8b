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
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
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
