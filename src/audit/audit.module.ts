import { Global, Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller';
import { AuditTrail } from './audit-trail';

@Global()
@Module({ controllers: [AdminAuditController], providers: [AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
