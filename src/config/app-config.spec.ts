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

describe('loadConfig: the helpdesk shown on every page', () => {
  it('has an email by default, and a phone number and opening hours only when set', () => {
    const plain = loadConfig(server);
    expect(plain.supportEmail).toBe('support@portal.local');
    expect(plain.supportPhone).toBeUndefined();
    expect(plain.supportHours).toBeUndefined();
    const set = loadConfig({ ...server, SUPPORT_PHONE: ' +44 (0)117 922 2000 ', SUPPORT_HOURS: 'Monday to Friday, 9am to 5pm' });
    expect(set.supportPhone).toBe('+44 (0)117 922 2000');
    expect(set.supportHours).toBe('Monday to Friday, 9am to 5pm');
  });

  it.each([
    ['SUPPORT_PHONE', 'call us'],
    ['SUPPORT_PHONE', '12345'],
    ['SUPPORT_PHONE', '0117<script>'],
    ['SUPPORT_HOURS', 'x'.repeat(201)],
    ['SUPPORT_HOURS', 'Monday\nTuesday'],
  ])('refuses %s=%j at start-up', (name, value) => {
    expect(() => loadConfig({ ...server, [name]: value })).toThrow(new RegExp(name));
  });
});
