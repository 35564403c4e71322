export { startCaseSystemStub } from './server';
export type { CaseSystemStub, CaseSystemStubOptions, StubContribution, StubFault } from './types';
export { MAX_CONTRIBUTION_BYTES } from './contributions-handler';
