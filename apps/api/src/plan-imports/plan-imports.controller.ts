import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@duban/access';
import { DraftEditUseCase, DraftPublishUseCase, DraftQueryService, PlanImportUseCase } from '@duban/plan-import';
import { MAX_INPUT_BYTES } from '@duban/plan-parser';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { uuidOr404 } from '../http/uuid-or-404.pipe.js';
import { AssignmentEditDto, DraftMetadataDto, ImportPlanDto, ItemEditDto, MergeItemsDto, NewAssignmentDto, SplitItemDto } from './plan-imports.dto.js';
import { TooLargeAsInvalidInterceptor } from './too-large-as-invalid.interceptor.js';

const draftId = uuidOr404('计划草稿');
const rowId = uuidOr404('草稿条目或拟交办任务');

/** Thin adapter over the import use-cases: upload → draft, review edits, publish (coordinators). */
@ApiTags('plan-imports')
@ApiBearerAuth()
@Controller('plan-imports')
export class PlanImportsController {
  constructor(
    private readonly importer: PlanImportUseCase,
    private readonly edits: DraftEditUseCase,
    private readonly publisher: DraftPublishUseCase,
    private readonly drafts: DraftQueryService,
  ) {}

  @Post()
  @ApiOperation({ summary: `Upload a plan document (field "file": text, .docx, .csv/.xlsx; at most ${MAX_INPUT_BYTES / 1024 / 1024} MB) → a draft to review` })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, jurisdictionId: { type: 'string', format: 'uuid' } }, required: ['file'] } })
  @UseInterceptors(TooLargeAsInvalidInterceptor, FileInterceptor('file', { limits: { fileSize: MAX_INPUT_BYTES, files: 1 } }))
  upload(@CurrentActor() actor: Actor, @Body() body: ImportPlanDto, @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined) {
    if (!file) {
      throw new BadRequestException({ statusCode: 400, error: 'validation_failed', message: '请上传计划文件（表单字段 file）', fields: [{ field: 'file', messages: ['file is required'] }] });
    }
    return this.importer.import(actor, { fileName: utf8FileName(file.originalname), bytes: file.buffer, jurisdictionId: body.jurisdictionId });
  }

  @Get()
  @ApiOperation({ summary: "Drafts of the coordinator's jurisdiction, newest first" })
  list(@CurrentActor() actor: Actor) {
    return this.drafts.list(actor);
  }

  @Get(':draftId')
  @ApiOperation({ summary: 'A draft: metadata, items, proposed tasks, problems and summary' })
  get(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string) {
    return this.drafts.get(actor, id);
  }

  @Patch(':draftId')
  @ApiOperation({ summary: "Correct the draft's title, document number or issue date" })
  updateMetadata(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Body() body: DraftMetadataDto) {
    return this.edits.updateMetadata(actor, id, body);
  }

  @Patch(':draftId/assignments/:assignmentId')
  @ApiOperation({ summary: 'Reassign a proposed task, resolve an unresolved name, change its role or deadline' })
  updateAssignment(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Param('assignmentId', rowId) assignmentId: string, @Body() body: AssignmentEditDto) {
    return this.edits.updateAssignment(actor, id, assignmentId, body);
  }

  @Delete(':draftId/assignments/:assignmentId')
  @ApiOperation({ summary: 'Remove a proposed task (or an unresolved name)' })
  removeAssignment(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Param('assignmentId', rowId) assignmentId: string) {
    return this.edits.removeAssignment(actor, id, assignmentId);
  }

  @Post(':draftId/items/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge one task item into another' })
  merge(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Body() body: MergeItemsDto) {
    return this.edits.mergeItems(actor, id, body.sourceItemId, body.targetItemId);
  }

  @Post(':draftId/items/:itemId/assignments')
  @ApiOperation({ summary: 'Add a department to a task item' })
  addAssignment(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Param('itemId', rowId) itemId: string, @Body() body: NewAssignmentDto) {
    return this.edits.addAssignment(actor, id, itemId, body);
  }

  @Patch(':draftId/items/:itemId')
  @ApiOperation({ summary: "Change an item's title, or the deadline of all its proposed tasks" })
  updateItem(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Param('itemId', rowId) itemId: string, @Body() body: ItemEditDto) {
    return this.edits.updateItem(actor, id, itemId, body);
  }

  @Post(':draftId/items/:itemId/split')
  @HttpCode(200)
  @ApiOperation({ summary: 'Split a task item into parts (the item becomes their heading)' })
  split(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string, @Param('itemId', rowId) itemId: string, @Body() body: SplitItemDto) {
    return this.edits.splitItem(actor, id, itemId, body.parts);
  }

  @Post(':draftId/publish')
  @ApiOperation({ summary: 'Publish: the plan, its items and all tasks with TaskAssigned events, in one transaction' })
  publish(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string) {
    return this.publisher.publish(actor, id);
  }

  @Post(':draftId/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard the draft (the same document may then be imported again)' })
  discard(@CurrentActor() actor: Actor, @Param('draftId', draftId) id: string) {
    return this.edits.discard(actor, id);
  }
}

/** Busboy may decode a multipart file name as latin1 while clients send UTF-8 (楚雄州….txt); undo that. */
function utf8FileName(name: string): string {
  if (/[^\u0000-\u00ff]/.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
