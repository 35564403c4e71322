import { ApiProperty } from '@nestjs/swagger';

/*
 * The schema of a message on a task, as the professional's and the case system's routes both show it:
 * published through tasks/index.ts for the integration API.
 */

class MessageAuthorDto {
  @ApiProperty() name!: string;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['to_case_worker', 'from_case_worker'] }) direction!: string;
  @ApiProperty({ type: MessageAuthorDto }) author!: MessageAuthorDto;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
}

export class MessageThreadDto {
  @ApiProperty({ type: [MessageDto], description: 'oldest first' }) items!: MessageDto[];
}
