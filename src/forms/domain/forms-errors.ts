import { DomainError } from '../../shared/errors/domain-error';

export class InvalidDefinitionError extends DomainError {
  constructor(errors: { path: string; message: string }[]) {
    super('invalid_definition', 'invalid', 'The form definition is not valid', { errors });
  }
}

export class DefinitionConflictError extends DomainError {
  constructor(key: string, version: number) {
    super('definition_conflict', 'conflict', 'This form version is already published with different content', {
      detail: `Version ${version} of "${key}" is immutable. Publish the change as a new version.`,
    });
  }
}
