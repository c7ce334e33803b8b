import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';

/*
 * The shape of a plan's escalation-policy overrides. These DTOs check types and field names; what
 * the values mean (no duplicate days, known audiences, HH:mm times, a ladder that climbs, quiet
 * hours that are not empty) is checked by the policy itself, which names the field in Chinese.
 * Every field is optional: what is left out keeps the default.
 */

const AUDIENCE_DOC = 'lead | support | coordinating-office | leadership';

export class ReminderOverridesDto {
  @ApiPropertyOptional({ type: [Number], example: [10, 5, 1], description: 'working days before the due date (0 = the due day); replaces the default [7, 3, 1, 0]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  workingDaysBefore?: number[];

  @ApiPropertyOptional({ type: [String], example: ['lead', 'support'], description: AUDIENCE_DOC })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  audience?: string[];

  @ApiPropertyOptional({ example: '09:00', description: 'Asia/Shanghai wall-clock time on the step’s day' })
  @IsOptional()
  @IsString()
  sendAt?: string;
}

export class LadderRuleDto {
  @ApiProperty({ example: 2, description: 'working days after the due date' })
  @IsInt()
  workingDaysAfter: number;

  @ApiProperty({ enum: ['yellow', 'red'] })
  @IsString()
  colour: string;

  @ApiProperty({ enum: ['urge', 'supervise', 'escalate'], description: '催办 / 督办 / 升级' })
  @IsString()
  action: string;

  @ApiProperty({ type: [String], example: ['lead', 'coordinating-office'], description: AUDIENCE_DOC })
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  audience: string[];

  @ApiPropertyOptional({ default: false, description: 'flag the lead department’s head for a talk (约谈)' })
  @IsOptional()
  @IsBoolean()
  flagInterview?: boolean;

  @ApiPropertyOptional({ default: false, description: 'critical steps ignore quiet hours and use every configured channel' })
  @IsOptional()
  @IsBoolean()
  critical?: boolean;
}

export class LadderOverridesDto {
  @ApiPropertyOptional({ type: [LadderRuleDto], description: 'replaces the default +1/+5/+10 ladder' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LadderRuleDto)
  rules?: LadderRuleDto[];

  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @IsString()
  sendAt?: string;
}

export class TrafficLightOverridesDto {
  @ApiPropertyOptional({ example: 10, description: 'points behind 序时进度 from which a task is yellow' })
  @IsOptional()
  @IsNumber()
  yellowBehind?: number;

  @ApiPropertyOptional({ example: 30, description: 'points behind above which it is red' })
  @IsOptional()
  @IsNumber()
  redBehind?: number;

  @ApiPropertyOptional({ example: 10, description: 'points ahead from which it is blue' })
  @IsOptional()
  @IsNumber()
  blueAhead?: number;
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @IsString()
  start: string;

  @ApiProperty({ example: '07:00' })
  @IsString()
  end: string;
}

/** PUT body: the plan's overrides, replacing the ones it had ({} = back to the defaults). */
export class PlanPolicyOverridesDto {
  @ApiPropertyOptional({ type: ReminderOverridesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderOverridesDto)
  reminders?: ReminderOverridesDto;

  @ApiPropertyOptional({ type: LadderOverridesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LadderOverridesDto)
  ladder?: LadderOverridesDto;

  @ApiPropertyOptional({ type: TrafficLightOverridesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrafficLightOverridesDto)
  trafficLight?: TrafficLightOverridesDto;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null: no quiet hours' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({ description: 'a deadline on a non-working day counts from the next working day (default true)' })
  @IsOptional()
  @IsBoolean()
  rollDeadlineToWorkingDay?: boolean;
}
