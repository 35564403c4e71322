import { ApiProperty } from '@nestjs/swagger';
import { IsInt } from 'class-validator';

export class SubmitTaskDto {
  @ApiProperty({ description: 'The version you loaded; a stale one is 409 version_conflict', example: 3 })
  @IsInt()
  version!: number;
}

export class SubmissionReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'Also the Idempotency-Key of the delivery to the case system' })
  submissionId!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'submittedAt + 30 days: the PDF can be downloaded until then' })
  availableUntil!: string;
}
