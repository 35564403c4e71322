import { Module } from '@nestjs/common';
import { FormsModule } from '../forms/forms.module';
import { IdentityModule } from '../identity/identity.module';
import { TasksModule } from '../tasks/tasks.module';
import { DemoData } from './demo-data';

@Module({ imports: [IdentityModule, FormsModule, TasksModule], providers: [DemoData] })
export class DemoModule {}
