import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Actor } from '@duban/access';
import { UserService } from '@duban/organization';
import { CurrentActor } from './current-actor.decorator.js';
import { Public } from './public.decorator.js';

export class LoginDto {
  @ApiProperty({ example: 'chuxiong.coordinator' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UserService,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username and password; returns a bearer token' })
  async login(@Body() body: LoginDto) {
    const user = await this.users.authenticate(body.username, body.password);
    if (!user) throw new UnauthorizedException({ statusCode: 401, error: 'unauthenticated', message: '用户名或密码错误' });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, tokenType: 'Bearer', user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId } };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller as the server sees them (role, department, jurisdiction)' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
