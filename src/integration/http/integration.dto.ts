import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { FreeFormObject } from '../../shared/http/request-validation';
import { TaskDto } from '../../tasks';

/* Shapes only (400 invalid_request); lengths, dates, forms, prefill and assignees are domain rules (422). */

export class FormRefDto {
  @ApiProperty({ example: 'education-advice' }) @IsString() key!: string;
  @ApiProperty({ example: 1 }) @IsInt() version!: number;
}

export class SubjectDto {
  @ApiProperty({ example: 'LCS-123456', description: "The case system's reference for the child or young person" })
  @IsString()
  reference!: string;
  @ApiProperty({ example: 'Alex Smith' }) @IsString() displayName!: string;
}

export class AssigneeDto {
  @ApiPropertyOptional({ example: 'sam.taylor@school.example' }) @IsOptional() @IsString() email?: string;
  @ApiPropertyOptional({ example: 'north-sen-team' }) @IsOptional() @IsString() workGroupKey?: string;
}

@ValidatorConstraint({ name: 'exactlyOneAssignee' })
class ExactlyOneAssignee implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === null || typeof value !== 'object') return true; // reported by IsObject
    const assignee = value as AssigneeDto;
    return (assignee.email !== undefined) !== (assignee.workGroupKey !== undefined);
  }

  defaultMessage(): string {
    return 'assignee must have exactly one of email or workGroupKey';
  }
}

export class DelegateTaskDto {
  @ApiProperty({ example: 'LCS-TASK-0001', description: 'Idempotency key: the same body again returns the same task' })
  @IsString()
  externalRef!: string;

  @ApiProperty({ type: FormRefDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FormRefDto)
  form!: FormRefDto;

  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject!: SubjectDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Values for read-only questions only' })
  @IsOptional()
  @FreeFormObject()
  prefill?: Record<string, unknown> | null;

  @ApiProperty({ type: AssigneeDto, description: '{ email } or { workGroupKey }' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Validate(ExactlyOneAssignee)
  @Type(() => AssigneeDto)
  assignee!: AssigneeDto;

  @ApiProperty({ example: '2026-12-18', format: 'date' }) @IsString() dueDate!: string;

  @IsOptional() @IsString() message?: string | null;
}

export class WithdrawTaskDto {
  @ApiPropertyOptional({ description: 'Not stored' }) reason?: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  attempts!: number;
  receiptId!: string | null;
  lastError!: string | null;
}

export class IntegrationTaskDto extends TaskDto {
  externalRef!: string;
}

export class IntegrationTaskStatusDto extends IntegrationTaskDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) submissionId!: string | null;
  @ApiProperty({ type: DeliveryDto, nullable: true }) delivery!: DeliveryDto | null;
}

export class PublishedFormDto {
  key!: string;
  version!: number;
  title!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}
