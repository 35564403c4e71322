import { Module } from '@nestjs/common';
import { PublicPagesController } from './public-pages.controller';

/** The accessibility statement and privacy notice (issue 23). */
@Module({ controllers: [PublicPagesController] })
export class PublicPagesModule {}
