import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_EXPIRY_DAYS } from '../../stacks/Data.js';
import { Site } from '../../stacks/Site.js';
import { type Synthesized, synth } from './synth.js';

describe('Site stack', () => {
  let synthesized: Synthesized;
  beforeAll(async () => {
    synthesized = await synth();
  });

  it('keeps the evidence bucket private, encrypted, expiring and TLS-only, encrypts it, expires objects and requires TLS', async () => {
    const { template } = synthesized;

    template(Site).hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: EVIDENCE_EXPIRY_DAYS, Status: 'Enabled' })] },
    });
    template(Site).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(EVIDENCE_EXPIRY_DAYS).toBeGreaterThan(0);
  });

  it('keeps the site bucket private and encrypted', () => {
    synthesized.template(Site).hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      WebsiteConfiguration: Match.absent(),
    });
  });

  it('serves it through CloudFront with Origin Access Control, HTTPS redirect and index.html at the root', () => {
    const site = synthesized.template(Site);
    const [oacId] = Object.keys(site.findResources('AWS::CloudFront::OriginAccessControl'));

    site.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] } })]),
        CacheBehaviors: [Match.objectLike({ PathPattern: 'evidence/*', ViewerProtocolPolicy: 'redirect-to-https' })],
      }),
    });
    expect(oacId).toBeDefined();
  });

  it('allows no anonymous reader: only CloudFront, for this distribution, may read the bucket', () => {
    const site = synthesized.template(Site);
    const [distributionId] = Object.keys(site.findResources('AWS::CloudFront::Distribution'));
    const policies = Object.values(site.findResources('AWS::S3::BucketPolicy'));
    type Statement = { Effect: string; Principal: unknown; Action: unknown; Condition?: unknown };
    const allows = policies
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement)
      .filter((s) => s.Effect === 'Allow');
    const reads = allows.filter((s) => s.Action === 's3:GetObject');

    expect(allows.map((s) => JSON.stringify(s.Principal))).not.toContain('"*"');
    expect(allows.map((s) => JSON.stringify(s.Principal))).not.toContain('{"AWS":"*"}');
    // One read grant per bucket (site and evidence), each to CloudFront for this distribution only.
    expect(reads).toHaveLength(2);
    for (const read of reads) {
      expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(read.Condition)).toContain(`"Ref":"${distributionId}"`);
    }
  });
});
