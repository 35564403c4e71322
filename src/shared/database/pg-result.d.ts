/** node-postgres' internal result class (no types ship for it); see pg-row-template.ts. */
declare module 'pg/lib/result' {
  const Result: { prototype: object };
  export = Result;
}
