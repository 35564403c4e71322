import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class CreateWorkGroupDto {
  @ApiProperty({ example: 'riverside-safeguarding' }) @IsString() key!: string;
  @ApiProperty({ example: 'Riverside Trust safeguarding team' }) @IsString() name!: string;
  @ApiProperty({ example: 'Riverside NHS Trust' }) @IsString() organisation!: string;
  @ApiPropertyOptional({ nullable: true, example: 'safeguarding@riverside.example' })
  @IsOptional()
  @IsString()
  notificationEmail?: string | null;
}

export class UpdateWorkGroupDto {
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() organisation?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() notificationEmail?: string | null;
}

export class AddMemberDto {
  @ApiProperty({ example: 'nurse@riverside.example' }) @IsString() email!: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null until the person registers' }) accountId!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'registered and not disabled' }) active!: boolean;
}

export class WorkGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ nullable: true, type: String }) notificationEmail!: string | null;
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WorkGroupPageDto {
  @ApiProperty({ type: [WorkGroupDto] }) items!: WorkGroupDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PickerMemberDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class MyWorkGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [PickerMemberDto] }) members!: PickerMemberDto[];
}

export class MyWorkGroupsDto {
  @ApiProperty({ type: [MyWorkGroupDto] }) items!: MyWorkGroupDto[];
}
