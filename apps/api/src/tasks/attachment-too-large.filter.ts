import { Catch, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { MAX_ATTACHMENT_BYTES } from '@duban/tasks';

/**
 * Multer stops reading a file far over the limit and answers 413 in English; a file just over it
 * reaches AttachmentService, which answers 400. One rule, one answer: both become the service's 400.
 */
@Catch(PayloadTooLargeException)
export class AttachmentTooLargeFilter implements ExceptionFilter {
  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(400)
      .json({ statusCode: 400, error: 'invalid', message: `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 上限`, field: 'file' });
  }
}
