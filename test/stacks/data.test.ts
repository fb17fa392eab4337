import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { Data, EVIDENCE_EXPIRY_DAYS } from '../../stacks/Data.js';
import { synth } from './synth.js';

describe('Data stack', () => {
  it('keys the table by pk/sk strings, on demand, with PITR and TTL on expiresAt', async () => {
    const { template } = await synth();

    template(Data).hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: Match.absent(),
    });
  });

  it('retains the table and evidence in prod and destroys them in other stages', async () => {
    const prod = (await synth('prod')).template(Data);
    const test = (await synth('test')).template(Data);

    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    prod.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    prod.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    test.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    test.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  });

  it('blocks public access to the evidence bucket, encrypts it, expires objects and requires TLS', async () => {
    const { template } = await synth();

    template(Data).hasResourceProperties('AWS::S3::Bucket', {
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
    template(Data).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(EVIDENCE_EXPIRY_DAYS).toBeGreaterThan(0);
  });
});
