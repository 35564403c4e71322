/** A form the case system has published, by its newest version (what the helpdesk picks from). */
export interface PublishedFormSummary {
  key: string;
  version: number;
  title: string;
}

/** Reads for the helpdesk's form picker: plain SQL, no aggregate. */
export abstract class PublishedFormList {
  /** Every form key once, with its newest version and that version's title, by title. */
  abstract latestVersions(): Promise<PublishedFormSummary[]>;
}
