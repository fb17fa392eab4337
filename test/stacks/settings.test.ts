import { describe, expect, it } from 'vitest';
import { BUNDLED_REGISTRY, readSettings, registryObjectArn } from '../../stacks/settings.js';

describe('deploy settings', () => {
  it('falls back to safe defaults so the app synthesizes without any configuration', () => {
    const settings = readSettings({});

    expect(settings).toMatchObject({
      senderDomain: 'example.vn',
      sender: 'dvcwatch@example.vn',
      operators: [],
      registry: BUNDLED_REGISTRY,
      probeMaxConcurrency: 10,
    });
  });

  it('reads operators as a comma-separated list', () => {
    const settings = readSettings({ DVCWATCH_OPERATORS: ' a@example.vn ,b@example.vn,' });

    expect(settings.operators).toEqual(['a@example.vn', 'b@example.vn']);
  });

  it.each([
    [{ DVCWATCH_SENDER_DOMAIN: 'a.vn', DVCWATCH_SENDER: 'x@b.vn' }, /DVCWATCH_SENDER=x@b.vn/],
    [{ DVCWATCH_OPERATORS: 'not-an-address' }, /DVCWATCH_OPERATORS/],
    [{ DVCWATCH_PROBE_MAX_CONCURRENCY: '1' }, /from 2 to 1000/],
    [{ DVCWATCH_RETENTION_DAYS: 'ten' }, /DVCWATCH_RETENTION_DAYS=ten/],
    [{ DVCWATCH_REGISTRY_URI: 's3://' }, /expected s3:\/\/bucket\/key/],
  ])('rejects %o', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });

  it('turns an s3:// registry URI into its object ARN and a bundled path into nothing', () => {
    expect(registryObjectArn('s3://cfg-bucket/registry/vietnam.yaml')).toBe('arn:aws:s3:::cfg-bucket/registry/vietnam.yaml');
    expect(registryObjectArn(BUNDLED_REGISTRY)).toBeUndefined();
  });
});
