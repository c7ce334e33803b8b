import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { Actor } from '@duban/access';
import { DepartmentService } from '@duban/organization';
import { DEPARTMENT_KINDS, type DepartmentKind } from '@duban/persistence';
import { CurrentActor } from '../auth/current-actor.decorator.js';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'chuxiong.edu', description: 'stable ASCII code' })
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'code 只能包含小写字母、数字和 . _ -' })
  @MaxLength(100)
  code: string;

  @ApiProperty({ example: '楚雄州教育体育局' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DEPARTMENT_KINDS })
  @IsIn(DEPARTMENT_KINDS)
  kind: DepartmentKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ type: [String], example: ['州教体局', '教育体育局'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  aliases?: string[];
}

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentService) {}

  @Get()
  @ApiOperation({ summary: 'Departments the caller may see, in tree order' })
  list(@CurrentActor() actor: Actor) {
    return this.departments.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Register a department (admin anywhere; coordinator inside the jurisdiction)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDepartmentDto) {
    return this.departments.create(actor, body);
  }
}
