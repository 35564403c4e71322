import { ConfigError, loadConfig } from './app-config';

const server = { DATABASE_URL: 'postgresql://portal@db.example/portal', INTEGRATION_API_KEYS: 'a-key-of-sixteen-chars-or-more' };

describe('loadConfig: the database pool', () => {
  it('has ten connections unless told otherwise', () => {
    expect(loadConfig(server).databasePoolSize).toBe(10);
    expect(loadConfig({ ...server, DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
  });

  it.each(['0', '201', 'four', '-3', '2.5'])('refuses DATABASE_POOL_SIZE=%s at start-up', (value) => {
    expect(() => loadConfig({ ...server, DATABASE_POOL_SIZE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...server, DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
