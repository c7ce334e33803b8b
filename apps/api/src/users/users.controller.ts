import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { Actor } from '@duban/access';
import { USER_ROLES, type UserRole } from '@duban/domain';
import { UserService } from '@duban/organization';
import { CurrentActor } from '../auth/current-actor.decorator.js';

export class CreateUserDto {
  @ApiProperty({ example: 'chuxiong.edu.lead' })
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, { message: 'username 只能包含字母、数字和 . _ -' })
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: '张科长' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiProperty()
  @IsUUID()
  departmentId: string;

  @ApiPropertyOptional({ description: 'coordinators and assessors: root of the jurisdiction' })
  @IsOptional()
  @IsUUID()
  jurisdictionId?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOperation({ summary: 'Users the caller may see' })
  list(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Register a user (admin anywhere; coordinator inside the jurisdiction)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }
}
