import { Injectable } from '@nestjs/common';
import { validateDefinition } from '../../../libs/form-schema/src';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DefinitionConflictError, InvalidDefinitionError } from '../domain/forms-errors';
import { PublishedForm } from '../domain/published-form';
import { FormDefinitionRepository } from './form-definition.repository';

export interface PublishOutcome {
  /** false when exactly this content was already published under that key and version. */
  created: boolean;
  form: PublishedForm;
}

const VERSION_PATTERN = /^[1-9]\d{0,9}$/;

/**
 * The case system publishes a definition under a key and version. Versions are immutable:
 * publishing the same content again is a harmless repeat, different content is a conflict.
 */
@Injectable()
export class PublishFormDefinition {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: FormDefinitionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(key: string, version: string, body: unknown): Promise<PublishOutcome> {
    const result = validateDefinition(body);
    const errors = result.ok ? [] : [...result.errors];
    if (!VERSION_PATTERN.test(version)) {
      errors.push({ path: 'version', message: `the address must name a whole-number version (got "${version}")` });
    }
    if (result.ok && result.definition.key !== key) {
      errors.push({ path: 'key', message: `must match the key in the address ("${key}")` });
    }
    if (result.ok && VERSION_PATTERN.test(version) && result.definition.version !== Number(version)) {
      errors.push({ path: 'version', message: `must match the version in the address (${version})` });
    }
    if (!result.ok || errors.length) throw new InvalidDefinitionError(errors);

    const candidate = PublishedForm.publish(result.definition, this.clock.now());
    return this.uow.run(async () => {
      if (await this.repository.insertIfAbsent(candidate)) return { created: true, form: candidate };
      const existing = (await this.repository.find(candidate.key, candidate.version))!;
      if (!existing.hasSameContentAs(candidate)) throw new DefinitionConflictError(candidate.key, candidate.version);
      return { created: false, form: existing };
    });
  }
}
