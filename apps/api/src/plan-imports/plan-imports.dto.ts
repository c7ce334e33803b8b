import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

export class ImportPlanDto {
  @ApiPropertyOptional({ description: "the plan's jurisdiction; defaults to the coordinator's" })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;
}

export class DraftMetadataDto {
  @ApiPropertyOptional({ example: '达州市教育局2022年工作简报' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: '达市教发〔2022〕1号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  docNumber?: string | null;

  @ApiPropertyOptional({ example: '2022-03-01', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  issueDate?: string | null;
}

export class AssignmentEditDto {
  @ApiPropertyOptional({ description: 'reassign, or resolve an unresolved name / collective to this department' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: ['lead', 'support'] })
  @IsOptional()
  @IsIn(['lead', 'support'])
  role?: 'lead' | 'support';

  @ApiPropertyOptional({ example: '2024-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  deadline?: string;
}

export class NewAssignmentDto {
  @ApiProperty()
  @IsUUID()
  departmentId: string;

  @ApiProperty({ enum: ['lead', 'support'] })
  @IsIn(['lead', 'support'])
  role: 'lead' | 'support';

  @ApiPropertyOptional({ example: '2024-12-31', description: "defaults to the item's other tasks' deadline, else the proposed one" })
  @IsOptional()
  @IsDateString({ strict: true })
  deadline?: string;
}

export class ItemEditDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: 'sets the deadline of every proposed task of the item' })
  @IsOptional()
  @IsDateString({ strict: true })
  deadline?: string;
}

export class MergeItemsDto {
  @ApiProperty({ description: 'the item folded into the target and removed' })
  @IsUUID()
  sourceItemId: string;

  @ApiProperty({ description: 'the item that stays' })
  @IsUUID()
  targetItemId: string;
}

export class SplitPartDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;
}

export class SplitItemDto {
  @ApiProperty({ type: [SplitPartDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SplitPartDto)
  parts: SplitPartDto[];
}
