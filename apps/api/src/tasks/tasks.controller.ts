import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@duban/access';
import type { TaskAction } from '@duban/domain';
import { AttachmentService, MAX_ATTACHMENT_BYTES, TaskQueryService, TaskTransitionUseCase, type TransitionInput } from '@duban/tasks';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';
import { AttachmentTooLargeFilter } from './attachment-too-large.filter.js';
import {
  ApproveDto,
  CommentDto,
  ExtensionGrantDto,
  ExtensionRequestDto,
  ProgressDto,
  ReasonDto,
  ReassignDto,
  TaskListQuery,
  TransitionDto,
} from './tasks.dto.js';

const taskId = uuidOr404('任务');

/**
 * Thin adapter: every route passes the caller to a use-case, which scopes the task to what the
 * caller may see (404 otherwise) and checks the role against the state machine (403 / 409).
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly queries: TaskQueryService,
    private readonly transitions: TaskTransitionUseCase,
    private readonly attachments: AttachmentService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tasks the caller may see (own department, or the jurisdiction)' })
  list(@CurrentActor() actor: Actor, @Query() query: TaskListQuery) {
    return this.queries.list(actor, query);
  }

  @Get(':taskId')
  @ApiOperation({ summary: 'One task' })
  get(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string) {
    return this.queries.get(actor, id);
  }

  @Get(':taskId/events')
  @ApiOperation({ summary: 'The task’s audit trail, oldest first, with its hash chain' })
  events(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string) {
    return this.queries.events(actor, id);
  }

  @Get(':taskId/events/verify')
  @ApiOperation({ summary: 'Recompute the hash chain and say whether the trail is intact' })
  verify(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string) {
    return this.queries.verifyChain(actor, id);
  }

  @Post(':taskId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '签收 (department lead)' })
  accept(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: TransitionDto) {
    return this.act(a, id, 'accept', body);
  }

  @Post(':taskId/progress')
  @HttpCode(200)
  @ApiOperation({ summary: '报送进展 with percent, narrative and evidence ids (department lead or staff)' })
  progress(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ProgressDto) {
    return this.act(a, id, 'report_progress', body);
  }

  @Post(':taskId/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '申请办结 (department lead)' })
  submit(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: CommentDto) {
    return this.act(a, id, 'submit', body);
  }

  @Post(':taskId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '办结, with an optional quality rating 优/良/中/差 (coordinator)' })
  approve(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ApproveDto) {
    return this.act(a, id, 'approve', body);
  }

  @Post(':taskId/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回重办 with a reason (coordinator)' })
  return(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ReasonDto) {
    return this.act(a, id, 'return', body);
  }

  @Post(':taskId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send back as not ours, with a reason (department lead)' })
  decline(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ReasonDto) {
    return this.act(a, id, 'decline', body);
  }

  @Post(':taskId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign to another department (coordinator)' })
  reassign(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ReassignDto) {
    return this.act(a, id, 'reassign', body);
  }

  @Post(':taskId/extension-request')
  @HttpCode(200)
  @ApiOperation({ summary: '申请延期 before the deadline (department lead)' })
  requestExtension(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ExtensionRequestDto) {
    return this.act(a, id, 'request_extension', body);
  }

  @Post(':taskId/extension-grant')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant the pending extension; the original deadline stays on record (coordinator)' })
  grantExtension(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ExtensionGrantDto) {
    return this.act(a, id, 'grant_extension', body);
  }

  @Post(':taskId/extension-deny')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deny the pending extension, with a reason (coordinator)' })
  denyExtension(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ReasonDto) {
    return this.act(a, id, 'deny_extension', body);
  }

  @Post(':taskId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销 with a reason (coordinator)' })
  cancel(@CurrentActor() a: Actor, @Param('taskId', taskId) id: string, @Body() body: ReasonDto) {
    return this.act(a, id, 'cancel', body);
  }

  @Get(':taskId/attachments')
  @ApiOperation({ summary: 'Evidence files of the task' })
  listAttachments(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string) {
    return this.attachments.list(actor, id);
  }

  @Post(':taskId/attachments')
  @ApiOperation({ summary: `Upload one evidence file (field "file", at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)` })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1 } }))
  @UseFilters(AttachmentTooLargeFilter)
  upload(@CurrentActor() actor: Actor, @Param('taskId', taskId) id: string, @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined) {
    if (!file) {
      throw new BadRequestException({ statusCode: 400, error: 'validation_failed', message: '请上传文件（表单字段 file）', fields: [{ field: 'file', messages: ['file is required'] }] });
    }
    return this.attachments.upload(actor, id, { originalName: file.originalname, bytes: file.buffer });
  }

  @Get(':taskId/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download one evidence file' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('taskId', taskId) id: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const a = await this.attachments.download(actor, id, attachmentId);
    res.set({
      'Content-Type': a.contentType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
      'X-Content-SHA256': a.sha256,
    });
    return new StreamableFile(a.content);
  }

  private act(actor: Actor, id: string, action: TaskAction, body: TransitionInput) {
    return this.transitions.perform(actor, id, action, body);
  }
}
