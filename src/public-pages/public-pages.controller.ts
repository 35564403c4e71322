import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PublicPagesConfig } from '../config/config-slices';
import { NotFoundError } from '../shared/errors/domain-error';
import { Public } from '../shared/http/access';
import { DEFAULT_LANGUAGE, LANGUAGES, languageOr } from '../shared/i18n/language';
import { isPublicPageSlug, loadPublicPage, PUBLIC_PAGES, PublicPage } from './public-page-source';

export class PublicPageDto {
  @ApiProperty({ enum: PUBLIC_PAGES }) slug!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The body as HTML: headings, paragraphs, lists and links only' }) html!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) reviewed!: string | null;
}

@ApiTags('Public pages')
@Public()
@Controller('pages')
export class PublicPagesController {
  constructor(private readonly config: PublicPagesConfig) {}

  @Get(':slug')
  @ApiOperation({
    summary: 'The accessibility statement or the privacy notice, in English or Welsh (no sign-in needed)',
    description: 'Rendered from the council-editable files in PUBLIC_PAGES_DIR (defaults shipped). Unknown page: 404 not_found.',
  })
  @ApiQuery({ name: 'lang', required: false, enum: LANGUAGES })
  @ApiOkResponse({ type: PublicPageDto })
  page(@Param('slug') slug: string, @Query('lang') lang?: string): PublicPage {
    if (!isPublicPageSlug(slug)) throw new NotFoundError();
    return loadPublicPage(slug, languageOr(lang, DEFAULT_LANGUAGE), {
      councilName: this.config.councilName,
      supportEmail: this.config.supportEmail,
      supportPhone: this.config.supportPhone,
      supportHours: this.config.supportHours,
      directory: this.config.publicPagesDir,
    });
  }
}
