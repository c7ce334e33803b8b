import { PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { DubanError } from '@duban/access';
import { PlanParseError } from '@duban/plan-parser';

/**
 * Multer stops reading an upload at the size limit and Nest reports 413; a plan document over the
 * limit is bad input like any other, so it becomes the parser's TOO_LARGE reason as a 400.
 */
export class TooLargeAsInvalidInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException) {
          throw new DubanError('invalid', new PlanParseError('TOO_LARGE').message, { field: 'file', reason: 'TOO_LARGE' });
        }
        throw err;
      }),
    );
  }
}
