import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Email } from '../../stacks/Email.js';
import { type Synthesized, synth } from './synth.js';

describe('Email stack', () => {
  let synthesized: Synthesized;
  beforeAll(async () => {
    vi.stubEnv('DVCWATCH_SENDER_DOMAIN', 'canhbao.example.vn');
    synthesized = await synth();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('verifies the configured sender domain through the configuration set', () => {
    const email = synthesized.template(Email);

    email.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'canhbao.example.vn',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('sends bounces and complaints, and only those, through SNS to the ses-events function', () => {
    const email = synthesized.template(Email);
    const topics = email.findResources('AWS::SNS::Topic');
    const [topicId] = Object.keys(topics);

    email.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
    email.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: topicId } });
    expect(Object.keys(topics)).toHaveLength(1);
  });
});
