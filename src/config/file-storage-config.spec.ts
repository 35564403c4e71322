import { ConfigError, loadConfig } from './app-config';

const server = { DATABASE_URL: 'postgresql://portal@db.example/portal', INTEGRATION_API_KEYS: 'a-key-of-sixteen-chars-or-more' };

describe('loadConfig: file storage', () => {
  it('keeps files in PostgreSQL unless told otherwise', () => {
    expect(loadConfig(server)).toMatchObject({ fileStorage: 'postgres', s3: undefined });
  });

  it('reads the S3 settings with FILE_STORAGE=s3', () => {
    const config = loadConfig({
      ...server,
      FILE_STORAGE: 's3',
      S3_BUCKET: 'portal-files',
      S3_ENDPOINT: 'http://minio:9000/',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'eu-west-2',
    });
    expect(config.s3).toEqual({
      bucket: 'portal-files',
      endpoint: 'http://minio:9000',
      region: 'eu-west-2',
      forcePathStyle: true,
      keyPrefix: '',
    });
  });

  it.each([
    [{ FILE_STORAGE: 'disk' }, /FILE_STORAGE/],
    [{ FILE_STORAGE: 's3' }, /S3_BUCKET/],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'ftp://x' }, /S3_ENDPOINT/],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'maybe' }, /S3_FORCE_PATH_STYLE/],
  ])('refuses %o at start-up', (env, variable) => {
    expect(() => loadConfig({ ...server, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...server, ...env })).toThrow(variable);
  });
});
