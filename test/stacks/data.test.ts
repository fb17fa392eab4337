import { Match } from 'aws-cdk-lib/assertions';
import { describe, it, vi } from 'vitest';
import { Data } from '../../stacks/Data.js';
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

  it('retains the table in prod and destroys it in other stages', async () => {
    // A production stage refuses placeholder addresses (stacks/settings.ts assertDeployable).
    vi.stubEnv('DVCWATCH_SENDER_DOMAIN', 'canhbao.dvcwatch.vn');
    vi.stubEnv('DVCWATCH_OPERATORS', 'vanhanh@dvcwatch.vn');
    const prod = (await synth('prod')).template(Data);
    vi.unstubAllEnvs();
    const test = (await synth('test')).template(Data);

    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    test.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});
