import { Migration20261128000100Foundation } from './20261128000100-foundation';
import { Migration20261128000200FormsAndTasks } from './20261128000200-forms-and-tasks';
import { Migration20261128000300WorkGroups } from './20261128000300-work-groups';
import { Migration20261128000400Submissions } from './20261128000400-submissions';
import { Migration20261128000600PerformanceIndexes } from './20261128000600-performance-indexes';
import { Migration20261205000100Lz4Drafts } from './20261205000100-lz4-drafts';
import { Migration20261205000200ToCompleteOrderIndex } from './20261205000200-to-complete-order-index';
import { Migration20261206230100PreferredLanguage } from './20261206230100-preferred-language';
import { Migration20261206240100CaseSystemOutbox } from './20261206240100-case-system-outbox';
import { Migration20261206250100MailHtml } from './20261206250100-mail-html';
import { Migration20261206260100HelpdeskSearchIndex } from './20261206260100-helpdesk-search-index';
import { Migration20261206240200TaskReview } from './20261206240200-task-review';
import { Migration20261206190100AuditRetentionIndex } from './20261206190100-audit-retention-index';
import { Migration20261206190200ResetRequester } from './20261206190200-reset-requester';
import { Migration20261207200100StagedFileParts } from './20261207200100-staged-file-parts';
import { Migration20261206270100ReliabilityII } from './20261206270100-reliability-ii';

/** Every migration, in order. Schema changes happen only here, never by schema sync. */
export const migrationsList = [
  { name: 'Migration20261128000100Foundation', class: Migration20261128000100Foundation },
  { name: 'Migration20261128000200FormsAndTasks', class: Migration20261128000200FormsAndTasks },
  { name: 'Migration20261128000300WorkGroups', class: Migration20261128000300WorkGroups },
  { name: 'Migration20261128000400Submissions', class: Migration20261128000400Submissions },
  { name: 'Migration20261128000600PerformanceIndexes', class: Migration20261128000600PerformanceIndexes },
  { name: 'Migration20261205000100Lz4Drafts', class: Migration20261205000100Lz4Drafts },
  { name: 'Migration20261205000200ToCompleteOrderIndex', class: Migration20261205000200ToCompleteOrderIndex },
  { name: 'Migration20261206230100PreferredLanguage', class: Migration20261206230100PreferredLanguage },
  { name: 'Migration20261206240100CaseSystemOutbox', class: Migration20261206240100CaseSystemOutbox },
  { name: 'Migration20261206250100MailHtml', class: Migration20261206250100MailHtml },
  { name: 'Migration20261206260100HelpdeskSearchIndex', class: Migration20261206260100HelpdeskSearchIndex },
  { name: 'Migration20261206240200TaskReview', class: Migration20261206240200TaskReview },
  { name: 'Migration20261206190100AuditRetentionIndex', class: Migration20261206190100AuditRetentionIndex },
  { name: 'Migration20261206190200ResetRequester', class: Migration20261206190200ResetRequester },
  { name: 'Migration20261206270100ReliabilityII', class: Migration20261206270100ReliabilityII },
  { name: 'Migration20261207200100StagedFileParts', class: Migration20261207200100StagedFileParts },
];
