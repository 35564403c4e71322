import { Migration20261128000100Foundation } from './20261128000100-foundation';

/** Every migration, in order. Schema changes happen only here, never by schema sync. */
export const migrationsList = [
  { name: 'Migration20261128000100Foundation', class: Migration20261128000100Foundation },
];
