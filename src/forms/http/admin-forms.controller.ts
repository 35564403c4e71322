import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../shared/http/access';
import { PublishedFormList, PublishedFormSummary } from '../application/published-form-list';

class PublishedFormSummaryDto {
  @ApiProperty({ example: 'education-advice' }) key!: string;
  @ApiProperty({ example: 2, description: 'The newest published version' }) version!: number;
  @ApiProperty({ example: 'Education advice', description: "The newest version's title" }) title!: string;
}

class PublishedFormListDto {
  @ApiProperty({ type: [PublishedFormSummaryDto] }) items!: PublishedFormSummaryDto[];
}

@ApiTags('Administration')
@AdminOnly()
@Controller('admin/forms')
export class AdminFormsController {
  constructor(private readonly forms: PublishedFormList) {}

  @Get()
  @ApiOperation({
    summary: 'The published forms, each by its newest version (for the helpdesk\'s task search by form: GET /admin/tasks?formKey=)',
    description: 'Titles and keys only, never definitions with prefill or answers. Not paged: a council publishes tens of forms.',
  })
  @ApiOkResponse({ type: PublishedFormListDto })
  async list(): Promise<{ items: PublishedFormSummary[] }> {
    return { items: await this.forms.latestVersions() };
  }
}
