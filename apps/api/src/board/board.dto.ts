import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class BoardQueryDto {
  @ApiPropertyOptional({ enum: ['weekly', 'monthly', 'quarterly'], description: 'report period for "who has not reported" (default monthly)' })
  @IsOptional()
  @IsIn(['weekly', 'monthly', 'quarterly'])
  cadence?: 'weekly' | 'monthly' | 'quarterly';
}

export class UrgeDto {
  @ApiPropertyOptional({ description: '督办意见, sent with the 催办' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ description: 'idempotency key: repeating a request with the same id records one 催办' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'requestId 只能包含字母、数字和连字符（最长64位）' })
  requestId?: string;
}
