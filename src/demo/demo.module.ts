import { Module } from '@nestjs/common';
import { DemoData } from './demo-data';

// Identity, forms and tasks are global modules (imported once, by AppModule).
@Module({ providers: [DemoData] })
export class DemoModule {}
