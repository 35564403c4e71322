export { startCaseSystemStub } from './server';
export type { CaseSystemStub, CaseSystemStubOptions, StubAutoReply, StubContribution, StubFault, StubTaskItem } from './types';
export { MAX_CONTRIBUTION_BYTES } from './contributions-handler';
export type { StubAuthOptions } from './auth';
