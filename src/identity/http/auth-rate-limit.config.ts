/** Read at decoration time (module load), before Nest's container exists. Validated again by loadConfig. */
export function loadConfigValue(): number {
  const raw = Number(process.env.AUTH_RATE_LIMIT_PER_MINUTE ?? '1000');
  return Number.isInteger(raw) && raw >= 300 ? raw : 1000;
}
