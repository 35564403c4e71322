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
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() organisation?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() notificationEmail?: string | null;
}

export class AddMemberDto {
  @ApiProperty({ example: 'nurse@riverside.example' }) @IsString() email!: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'null until the person registers' }) accountId!: string | null;
  name!: string | null;
  email!: string;
  @ApiProperty({ description: 'registered and not disabled' }) active!: boolean;
}

export class WorkGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  key!: string;
  name!: string;
  organisation!: string;
  notificationEmail!: string | null;
  members!: MemberDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WorkGroupPageDto {
  items!: WorkGroupDto[];
  nextCursor!: string | null;
}

export class PickerMemberDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  name!: string;
  email!: string;
}

export class MyWorkGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  key!: string;
  name!: string;
  members!: PickerMemberDto[];
}

export class MyWorkGroupsDto {
  items!: MyWorkGroupDto[];
}
