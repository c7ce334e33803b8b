import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class CreatePlanDto {
  @ApiProperty({ example: '楚雄州教育高质量发展三年行动实施方案' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  issuers?: string[];

  @ApiPropertyOptional({ example: '楚办发〔2023〕20号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  docNumber?: string;

  @ApiPropertyOptional({ example: '2023-10-10' })
  @IsOptional()
  @IsDateString({ strict: true })
  issueDate?: string;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodStart?: number;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodEnd?: number;

  @ApiPropertyOptional({ description: "defaults to the coordinator's jurisdiction" })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;
}

export class PlanTargetDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  indicator?: string;

  @ApiProperty()
  @IsNumber()
  value: number;

  @ApiProperty({ example: '%' })
  @IsString()
  unit: string;

  @ApiProperty({ enum: ['>=', '>', '<=', '=', '~'] })
  @IsIn(['>=', '>', '<=', '=', '~'])
  comparator: '>=' | '>' | '<=' | '=' | '~';

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  text?: string;
}

export class PlanItemDto {
  @ApiProperty({ example: '三.(一).1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  path: string;

  @ApiProperty({ enum: ['heading', 'task'] })
  @IsIn(['heading', 'task'])
  kind: 'heading' | 'task';

  @ApiProperty({ example: '增强学校基层党组织政治功能和组织功能' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  heading: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ example: '2025-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ type: [PlanTargetDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlanTargetDto)
  targets?: PlanTargetDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;
}

export class AddPlanItemsDto {
  @ApiProperty({ type: [PlanItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => PlanItemDto)
  items: PlanItemDto[];
}

export class AssignDto {
  @ApiProperty({ description: '牵头单位' })
  @IsUUID()
  leadDepartmentId: string;

  @ApiPropertyOptional({ type: [String], description: '配合单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  supportDepartmentIds?: string[];

  @ApiPropertyOptional({ example: '2024-12-31', description: "defaults to the item's deadline" })
  @IsOptional()
  @IsDateString({ strict: true })
  dueDate?: string;
}
