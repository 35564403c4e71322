import { Migration20261128000100Foundation } from './20261128000100-foundation';
import { Migration20261128000200FormsAndTasks } from './20261128000200-forms-and-tasks';
import { Migration20261128000300WorkGroups } from './20261128000300-work-groups';
import { Migration20261128000400Submissions } from './20261128000400-submissions';
import { Migration20261128000600PerformanceIndexes } from './20261128000600-performance-indexes';
import { Migration20261205000100Lz4Drafts } from './20261205000100-lz4-drafts';
import { Migration20261205000200ToCompleteOrderIndex } from './20261205000200-to-complete-order-index';

/** Every migration, in order. Schema changes happen only here, never by schema sync. */
export const migrationsList = [
  { name: 'Migration20261128000100Foundation', class: Migration20261128000100Foundation },
  { name: 'Migration20261128000200FormsAndTasks', class: Migration20261128000200FormsAndTasks },
  { name: 'Migration20261128000300WorkGroups', class: Migration20261128000300WorkGroups },
  { name: 'Migration20261128000400Submissions', class: Migration20261128000400Submissions },
  { name: 'Migration20261128000600PerformanceIndexes', class: Migration20261128000600PerformanceIndexes },
  { name: 'Migration20261205000100Lz4Drafts', class: Migration20261205000100Lz4Drafts },
  { name: 'Migration20261205000200ToCompleteOrderIndex', class: Migration20261205000200ToCompleteOrderIndex },
];
