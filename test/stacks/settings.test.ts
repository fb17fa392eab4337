import { describe, expect, it } from 'vitest';
import { assertDeployable, BUNDLED_REGISTRY, readSettings, registryObjectArn } from '../../stacks/settings.js';
import { synth } from './synth.js';

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

  it('refuses a production stage whose sender or operators are placeholders, naming each, and lets other stages through', () => {
    const defaults = readSettings({});
    const real = readSettings({ DVCWATCH_SENDER_DOMAIN: 'canhbao.dvcwatch.vn', DVCWATCH_OPERATORS: 'vanhanh@dvcwatch.vn' });

    expect(() => assertDeployable(defaults, 'prod')).toThrow(/DVCWATCH_SENDER=dvcwatch@example.vn.*DVCWATCH_OPERATORS is empty/);
    expect(() => assertDeployable({ ...real, operators: ['vanhanh@dvcwatch.vn', 'ops@example.com'] }, 'prod')).toThrow(
      /DVCWATCH_OPERATORS contains ops@example.com/,
    );
    expect(() => assertDeployable(real, 'prod')).not.toThrow();
    expect(() => assertDeployable(defaults, 'dev')).not.toThrow();
  });

  it('fails `sst deploy --stage prod` at synth with the placeholder defaults', async () => {
    await expect(synth('prod')).rejects.toThrow(/stage "prod" sends real email.*DVCWATCH_SENDER=dvcwatch@example.vn/);
  });
});
