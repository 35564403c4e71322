import type { FormDefinition } from '../../../libs/form-schema/src';
import { canonicalHash } from '../../shared/canonical-json';

/**
 * One published version of a form definition. Immutable: a key and version, once published, always
 * mean exactly this content, so drafts and submissions made against it stay interpretable.
 */
export class PublishedForm {
  key!: string;
  version!: number;
  title!: string;
  definition!: FormDefinition;
  /** sha256 of the canonical JSON (keys sorted) of the normalised definition: key order never matters. */
  contentHash!: string;
  publishedAt!: Date;

  /** `definition` must already have passed `validateDefinition` (its normalised copy). */
  static publish(definition: FormDefinition, now: Date): PublishedForm {
    const form = new PublishedForm();
    form.key = definition.key;
    form.version = definition.version;
    form.title = definition.title;
    form.definition = definition;
    form.contentHash = canonicalHash(definition);
    form.publishedAt = now;
    return form;
  }

  hasSameContentAs(other: PublishedForm): boolean {
    return this.contentHash === other.contentHash;
  }

  allowsAttachments(): boolean {
    return this.definition.allowAttachments === true;
  }
}
