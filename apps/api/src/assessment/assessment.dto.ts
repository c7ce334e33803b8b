import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

export class AssessmentQuery {
  @ApiPropertyOptional({ description: "the jurisdiction's root department (default: the caller's)" })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;
}

export class ExportQuery extends AssessmentQuery {
  @ApiProperty({ enum: ['xlsx', 'csv'] })
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv';
}

export class FileAppealDto extends AssessmentQuery {
  @ApiProperty({ description: 'key of the disputed ledger line' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  lineKey: string;

  @ApiProperty({ example: '该任务因上级政策调整暂缓实施，附文件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['void_line', 'keep_line'], description: 'void_line: 核减该条目; keep_line: 维持' })
  @IsIn(['void_line', 'keep_line'])
  decision: 'void_line' | 'keep_line';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class WhatIfDto extends AssessmentQuery {
  @ApiProperty({ example: 'default' })
  @IsString()
  @IsNotEmpty()
  schemeId: string;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}
