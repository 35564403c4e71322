import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PublishFormDefinition } from '../forms';
import { ProvisionAccounts } from '../identity';
import { Clock } from '../shared/clock/clock';
import { addDaysToDate, calendarDate } from '../shared/dates';
import { DelegateTask } from '../tasks';
import { AdministerWorkGroups } from '../work-groups';
import educationAdvice from './forms/education-advice.v1.json';
import healthContribution from './forms/health-contribution.v1.json';

/** Demo sign-ins, printed at start. Only ever seeded when DEMO_DATA is on (the embedded default). */
export const DEMO_PASSWORD = 'demo portal passphrase 2026';
export const DEMO_ACCOUNTS = {
  professional: 'sam.taylor@school.demo',
  colleague: 'alex.morgan@school.demo',
  admin: 'helpdesk@council.demo',
};

const ADDRESS = { line1: '1 High Street', line2: null, town: 'Exampleton', postcode: 'EX1 1AA' };

/**
 * Seeds what a newcomer needs to see the whole journey after `npm start`: the two sample forms, a
 * professional and a colleague in a work group, a helpdesk admin, and tasks to complete and to pick
 * up. Goes through the same use cases as the API; runs once (skips when the demo accounts exist).
 */
@Injectable()
export class DemoData implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: ProvisionAccounts,
    private readonly publish: PublishFormDefinition,
    private readonly delegate: DelegateTask,
    private readonly workGroups: AdministerWorkGroups,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    if (await this.accounts.exists(DEMO_ACCOUNTS.professional)) return;
    await this.seed();
    this.logger.log(
      `demo data seeded: sign in as ${DEMO_ACCOUNTS.professional}, ${DEMO_ACCOUNTS.colleague} or ${DEMO_ACCOUNTS.admin} (admin) ` +
        `with the password "${DEMO_PASSWORD}"; codes arrive in ${this.config.smtpUrl ? 'the SMTP server' : this.config.mailDir}`,
    );
  }

  private async seed(): Promise<void> {
    await this.publish.execute(educationAdvice.key, String(educationAdvice.version), educationAdvice);
    await this.publish.execute(healthContribution.key, String(healthContribution.version), healthContribution);

    const now = this.clock.now();
    const make = (email: string, firstName: string, lastName: string, organisation: string, admin = false) => ({
      email,
      password: DEMO_PASSWORD,
      details: { firstName, lastName, jobTitle: admin ? 'Helpdesk' : 'SENCo', organisation, phone: null, address: ADDRESS },
      admin,
    });
    const [, , adminId] = await this.accounts.create([
      make(DEMO_ACCOUNTS.professional, 'Sam', 'Taylor', 'Exampleton Primary School'),
      make(DEMO_ACCOUNTS.colleague, 'Alex', 'Morgan', 'Exampleton Primary School'),
      make(DEMO_ACCOUNTS.admin, 'Helen', 'Desk', 'Exampleshire Council', true),
    ]);

    const group = await this.workGroups.create(adminId, {
      key: 'exampleton-primary-sen',
      name: 'Exampleton Primary SEN team',
      organisation: 'Exampleton Primary School',
    });
    await this.workGroups.addMember(adminId, group.id, DEMO_ACCOUNTS.professional);
    await this.workGroups.addMember(adminId, group.id, DEMO_ACCOUNTS.colleague);

    const today = calendarDate(now, this.config.portalTimezone);
    const prefill = { childName: 'Jamie Rivers', dateOfBirth: '2016-04-12', caseWorker: 'Pat Kemp' };
    await this.delegate.execute({
      externalRef: 'DEMO-EHC-0001',
      form: { key: 'education-advice', version: 1 },
      subject: { reference: 'LCS-100001', displayName: 'Jamie Rivers' },
      prefill,
      assignee: { email: DEMO_ACCOUNTS.professional },
      dueDate: addDaysToDate(today, 10),
      message: 'Please include the latest attendance figures and any exclusions this year.',
    });
    await this.delegate.execute({
      externalRef: 'DEMO-CP-0002',
      form: { key: 'health-contribution', version: 1 },
      subject: { reference: 'LCS-100002', displayName: 'Riley Brooks' },
      prefill: { childName: 'Riley Brooks', conferenceDate: addDaysToDate(today, 2) },
      assignee: { email: DEMO_ACCOUNTS.professional },
      dueDate: addDaysToDate(today, -1),
      message: null,
    });
    await this.delegate.execute({
      externalRef: 'DEMO-EHC-0003',
      form: { key: 'education-advice', version: 1 },
      subject: { reference: 'LCS-100003', displayName: 'Casey Hill' },
      prefill: { childName: 'Casey Hill', dateOfBirth: '2014-09-30', caseWorker: 'Pat Kemp' },
      assignee: { workGroupKey: 'exampleton-primary-sen' },
      dueDate: addDaysToDate(today, 14),
      message: 'For the SEN team: whoever knows Casey best, please pick this up.',
    });
  }
}
