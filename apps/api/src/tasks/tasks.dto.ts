import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { QUALITY_RATINGS, TASK_STATUSES, type QualityRating, type TaskStatus } from '@duban/domain';

/** Every transition may carry the version the client acted on; a stale one answers 409. */
export class TransitionDto {
  @ApiPropertyOptional({ description: 'the task version the client saw (optimistic locking)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CommentDto extends TransitionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReasonDto extends TransitionDto {
  @ApiProperty({ example: '佐证材料不全，请补充' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ProgressDto extends TransitionDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  @ApiProperty({ example: '已完成全州中小学党组织书记培训' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  narrative: string;

  @ApiPropertyOptional({ type: [String], description: 'ids of evidence uploaded to this task' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class ApproveDto extends CommentDto {
  @ApiPropertyOptional({ enum: QUALITY_RATINGS, description: '办结质量评价' })
  @IsOptional()
  @IsIn(QUALITY_RATINGS)
  rating?: QualityRating;
}

export class ReassignDto extends TransitionDto {
  @ApiProperty()
  @IsUUID()
  departmentId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ExtensionRequestDto extends ReasonDto {
  @ApiProperty({ example: '2025-06-30' })
  @IsDateString({ strict: true })
  dueDate: string;
}

export class ExtensionGrantDto extends CommentDto {
  @ApiPropertyOptional({ example: '2025-06-30', description: 'defaults to the date requested' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueDate?: string;
}

export class TaskListQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
