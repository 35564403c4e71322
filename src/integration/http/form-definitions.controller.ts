import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { PublishFormDefinition } from '../../forms';
import { IntegrationApi } from '../../shared/http/access';
import { PublishedFormDto } from './integration.dto';
import { ApiErrors } from '../../shared/http/openapi/api-errors.decorator';

@ApiTags('Integration')
@IntegrationApi()
@Controller('integration/form-definitions')
export class FormDefinitionsController {
  constructor(private readonly publish: PublishFormDefinition) {}

  @Put(':key/versions/:version')
  @ApiOperation({
    summary: 'Publish a form definition version: 201, or 200 if exactly this content is already published',
    description:
      'A published version is immutable: different content is 409 definition_conflict; invalid is 422 invalid_definition.',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/FormDefinition' }, description: 'A form definition (API.md "Form definitions")' })
  @ApiCreatedResponse({ type: PublishedFormDto })
  @ApiOkResponse({ type: PublishedFormDto })
  @ApiErrors('definition_conflict', 'invalid_definition')
  async put(
    @Param('key') key: string,
    @Param('version') version: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublishedFormDto> {
    const { created, form } = await this.publish.execute(key, version, body);
    reply.status(created ? 201 : 200);
    return { key: form.key, version: form.version, title: form.title, publishedAt: form.publishedAt.toISOString() };
  }
}
