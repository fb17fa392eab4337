import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { VANTAGE_PK_PREFIX as STORE_PREFIX } from '../../packages/store/src/keys.js';
import { AGENT_MAX_RECEIVES, Agent, VANTAGE_PK_PREFIX } from '../../stacks/Agent.js';
import { Monitor } from '../../stacks/Monitor.js';
import { type Synthesized, synth } from './synth.js';

describe('Agent stack', () => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synth();
  });

  it('creates the agent queue with its dead-letter queue', () => {
    const t = s.template(Agent);

    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 3600,
      RedrivePolicy: { maxReceiveCount: AGENT_MAX_RECEIVES, deadLetterTargetArn: Match.anyValue() },
    });
  });

  it("grants the agent only its queue's receive/delete and observation writes under the vantage prefix", () => {
    const policies = Object.values(s.template(Agent).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    const statements = policies[0]?.Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }[];
    const actions = statements.flatMap((st) => [st.Action].flat());

    expect(actions.sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
    ]);
    expect(actions.some((a) => a.includes('*'))).toBe(false);
    for (const st of statements) expect(JSON.stringify(st.Resource)).not.toBe('"*"');
    const dynamo = statements.find((st) => [st.Action].flat().includes('dynamodb:PutItem'));
    expect(dynamo?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${STORE_PREFIX}*`] } });
    expect(VANTAGE_PK_PREFIX).toBe(STORE_PREFIX);
  });

  it('lets the probe function send jobs to the agent queue, and tells it where', () => {
    const t = s.template(Monitor);

    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Measures one agency portal with headless Chromium',
      Environment: { Variables: Match.objectLike({ DVCWATCH_AGENT_QUEUE_URL: Match.anyValue() }) },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage']),
            Resource: Match.objectLike({ 'Fn::ImportValue': Match.anyValue() }),
          }),
        ]),
      },
    });
  });
});
