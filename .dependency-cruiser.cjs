/**
 * The architecture's import rules (DESIGN.md: hexagonal bounded contexts), checked by
 * dependency-cruiser in `npm run lint` and CI (.ci/run). Each rule says why it exists. A violation
 * fails the build: fix the import, or change the design here on purpose, with its reason.
 *
 * Layout: src/<context>/{domain,application,infrastructure,http}, each context's public entry is
 * src/<context>/index.ts; src/shared is the kernel; src/config the validated configuration;
 * src/*.ts, src/demo and src/operations compose the contexts (they may import any public entry).
 */
const CONTEXTS = '(identity|forms|tasks|work-groups|submissions|notifications|integration|audit|observability|case-system-outbox|health|public-pages)';
/** Frameworks and drivers a domain model must not know: it is plain TypeScript, testable alone. */
const FRAMEWORKS = npm('@nestjs/[^/]+', '@mikro-orm/[^/]+', 'fastify', '@fastify/[^/]+', 'pg', 'pg-[^/]+', 'nodemailer', '@nestjs-modules/[^/]+', 'passport[^/]*', 'pdfkit');

/** Packages as dependency-cruiser sees them: resolved to their folder under node_modules. */
function npm(...names) {
  return names.map((n) => `(^|/)node_modules/${n}/`);
}

module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain',
      comment:
        'A domain model holds the rules and nothing else: no framework, ORM, HTTP or database, and no use case, adapter or ' +
        'controller, so it can be read and tested on its own and outlives any of them.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [...FRAMEWORKS, '^src/[^/]+/(application|infrastructure|http)/', '^src/shared/(http|database|workers|jobs)/'],
      },
    },
    {
      name: 'use-cases-know-no-http-or-adapters',
      comment:
        'Use cases are the transaction boundary and speak in domain errors (the problem filter maps them to HTTP); they reach ' +
        'the outside only through ports, so no controller, DTO, HTTP helper or adapter is imported from application/.',
      severity: 'error',
      from: { path: '^src/[^/]+/application/' },
      to: { path: ['^src/[^/]+/(http|infrastructure)/', '^src/shared/http/', ...npm('fastify', '@fastify/[^/]+', '@nestjs/platform-[^/]+', '@nestjs/swagger', 'pg', 'nodemailer', '@nestjs-modules/[^/]+', 'passport[^/]*')] },
    },
    {
      name: 'contexts-meet-through-public-entries',
      comment:
        'A bounded context is used from outside only through what it publishes (src/<context>/index.ts: use cases, read ' +
        'queries, the ports it asks others to implement): never its repositories, tables, adapters or controllers.',
      severity: 'error',
      from: { path: `^src/${CONTEXTS}/` },
      to: { path: `^src/${CONTEXTS}/`, pathNot: ['^src/$1/', `^src/${CONTEXTS}/index\\.ts$`] },
    },
    {
      name: 'tasks-know-no-submissions',
      comment:
        'Submissions build on tasks (a task is submitted), not the other way round: tasks implement the ports submissions ' +
        'ask for (TaskContributions, ContributionFiles) by their shape, and SubmissionsModule binds them.',
      severity: 'error',
      from: { path: '^src/tasks/' },
      to: { path: '^src/submissions/' },
    },
    {
      name: 'upstream-contexts-know-no-tasks',
      comment:
        'Identity, work groups and forms exist without tasks (accounts, groups and forms are used by tasks, not about them): ' +
        'an import the other way would tie them into a cycle with the context they serve.',
      severity: 'error',
      from: { path: '^src/(identity|work-groups|forms)/' },
      to: { path: '^src/(tasks|submissions)/' },
    },
    {
      name: 'contexts-read-their-configuration-slice',
      comment:
        'Configuration reaches a context as its validated slice (config/config-slices.ts: MailConfig, DeliveryConfig, …), not ' +
        'as the whole AppConfig: what a context depends on is visible in its constructor.',
      severity: 'error',
      from: { path: `^src/${CONTEXTS}/` },
      to: { path: '^src/config/', pathNot: '^src/config/config-slices\\.ts$' },
    },
    {
      name: 'shared-kernel-stands-alone',
      comment:
        'src/shared is the kernel every context uses (clock, ids, errors, database, HTTP plumbing): it imports no context and ' +
        'no configuration (the composition root hands it what it needs), or the contexts could not stay independent of each other.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/', '^test/'], pathNot: ['^src/shared/', '^src/migrations/'] },
    },
    {
      name: 'form-schema-stands-alone',
      comment:
        'libs/form-schema is shared with the web client (which bundles it): it must not pull in anything of the server.',
      severity: 'error',
      from: { path: '^libs/form-schema/' },
      to: { path: ['^src/', '^test/', ...npm('@nestjs/[^/]+', '@mikro-orm/[^/]+')] },
    },
    {
      name: 'no-test-code-in-the-product',
      comment: 'What runs in production carries no test helpers: test doubles and @nestjs/testing live under test/.',
      severity: 'error',
      from: { path: '^(src|libs)/', pathNot: ['\\.spec\\.ts$', '^libs/[^/]+/test-fixtures/'] },
      to: { path: ['^test/', ...npm('@nestjs/testing'), '^libs/[^/]+/test-fixtures/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Unit specs sit beside the code and may reach into it to build their fixtures.
    exclude: { path: ['\\.spec\\.ts$', '^web/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
