import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { LANGUAGES } from '../../shared/i18n/language';
import type { Language } from '../../shared/i18n/language';

/* Shapes only (400 invalid_request); lengths, formats and policies are domain rules (422). */

export class AddressDto {
  @ApiProperty({ example: '1 High Street' }) @IsString() line1!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() line2?: string | null;
  @ApiProperty({ example: 'Exampleton' }) @IsString() town!: string;
  @ApiProperty({ example: 'EX1 1AA' }) @IsString() postcode!: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'Sam' }) @IsString() firstName!: string;
  @ApiProperty({ example: 'Taylor' }) @IsString() lastName!: string;
  @ApiPropertyOptional({ example: 'SENCo', nullable: true }) @IsOptional() @IsString() jobTitle?: string | null;
  @ApiProperty({ example: 'Example Primary School' }) @IsString() organisation!: string;
  @ApiPropertyOptional({ example: '01632 960 001', nullable: true }) @IsOptional() @IsString() phone?: string | null;
  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
  @ApiProperty({ description: 'Must be true: the portal is used in a professional capacity', example: true })
  @IsBoolean()
  professionalCapacity!: boolean;
  @ApiProperty({ example: 'sam.taylor@school.example' }) @IsString() email!: string;
  @ApiProperty({ example: 'a long and unusual passphrase', minLength: 12, maxLength: 128 }) @IsString() password!: string;
  @ApiPropertyOptional({
    enum: LANGUAGES,
    description:
      'The language the person registers in, English (en) or Welsh (cy): the code emails are written in it and the new account starts with it as its preferredLanguage. Without it, the request\u2019s Accept-Language decides (Welsh when it prefers cy), else English.',
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class RegistrationStartedDto {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class CodeDto {
  @ApiProperty({ example: '12345678' }) @IsString() code!: string;
}

export class AccountCreatedDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  email!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'sam.taylor@school.example' }) @IsString() email!: string;
  @IsString() password!: string;
}

export class LoginStartedDto {
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class VerifyLoginDto {
  @ApiProperty({ format: 'uuid' }) @IsString() challengeId!: string;
  @ApiProperty({ example: '12345678' }) @IsString() code!: string;
}

export class ResendLoginDto {
  @ApiProperty({ format: 'uuid' }) @IsString() challengeId!: string;
}

export class WorkGroupRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  key!: string;
  name!: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  email!: string;
  firstName!: string;
  lastName!: string;
  jobTitle!: string | null;
  organisation!: string;
  phone!: string | null;
  address!: AddressDto;
  @ApiProperty({ enum: ['professional', 'admin'], isArray: true }) roles!: string[];
  @ApiProperty({ enum: LANGUAGES, description: 'What the portal writes to this person in: pages, emails, PDFs' })
  preferredLanguage!: Language;
  workGroups!: WorkGroupRefDto[];
}

export class SessionDto {
  @ApiProperty({ format: 'date-time' }) idleExpiresAt!: string;
  @ApiProperty({ format: 'date-time' }) absoluteExpiresAt!: string;
  @ApiProperty({ example: 1800 }) idleTimeoutSeconds!: number;
}

export class AccountAndSessionDto {
  account!: AccountDto;
  session!: SessionDto;
}

export class PasswordResetRequestDto {
  @IsString() email!: string;
}

export class PasswordResetStartedDto {
  @ApiProperty({ format: 'uuid' }) resetId!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class ResetTokenDto {
  resetToken!: string;
}

export class CompleteResetDto {
  @IsString() resetToken!: string;
  @ApiProperty({ minLength: 12, maxLength: 128 }) @IsString() newPassword!: string;
}

export class UpdateMeDto {
  @IsOptional() @IsString() firstName?: string;
  @IsOptional() @IsString() lastName?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() jobTitle?: string | null;
  @IsOptional() @IsString() organisation?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() phone?: string | null;
  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'English (en) or Welsh (cy)' })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}
