import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { Data } from './Data.js';
import { assertDeployable, readSettings } from './settings.js';

/**
 * SES sending for the agency emails: the domain identity (Easy DKIM), a configuration set whose bounce
 * and complaint events go through SNS to the `ses-events` function, and a scoped send grant.
 */
export function Email({ stack, app }: StackContext) {
  const settings = readSettings();
  // A production stage never sends from or to a placeholder address (fails here, at synth, with what to set).
  assertDeployable(settings, app.stage);
  const { table } = use(Data);

  const configurationSet = new ConfigurationSet(stack, 'ConfigurationSet', {
    // Account-level suppression also covers addresses that bounced for other senders.
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  const identity = new EmailIdentity(stack, 'Identity', {
    identity: Identity.domain(settings.senderDomain),
    configurationSet,
  });

  const events = new Topic(stack, 'SesEvents');
  configurationSet.addEventDestination('BouncesAndComplaints', {
    destination: EventDestination.snsTopic(events),
    events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
  });

  const sesEvents = new SstFunction(stack, 'SesEventsFn', {
    handler: 'functions/ses-events.handler',
    description: 'Records SES bounces and complaints so the address is not emailed again',
    timeout: 30,
    // The subset of the functions' environment (functions/shared/env.ts) this function needs.
    environment: {
      DVCWATCH_STAGE: app.stage,
      DVCWATCH_TABLE: table.tableName,
      DVCWATCH_SENDER: settings.sender,
      DVCWATCH_RETENTION_DAYS: String(settings.retentionDays),
    },
  });
  table.grantReadWriteData(sesEvents);
  events.addSubscription(new LambdaSubscription(sesEvents));

  const configurationSetArn = Stack.of(stack).formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: configurationSet.configurationSetName,
  });

  /** Lets `grantee` send as the sender identity through the configuration set, and nothing else. */
  const grantSend = (grantee: IGrantable) =>
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [identity.emailIdentityArn, configurationSetArn],
      }),
    );

  stack.addOutputs({
    SenderDomain: settings.senderDomain,
    ConfigurationSet: configurationSet.configurationSetName,
    // Publish these three CNAMEs in the sender domain's DNS to verify it (Easy DKIM).
    DkimRecords: [identity.dkimDnsTokenName1, identity.dkimDnsTokenName2, identity.dkimDnsTokenName3]
      .map(
        (name, i) =>
          `${name} CNAME ${[identity.dkimDnsTokenValue1, identity.dkimDnsTokenValue2, identity.dkimDnsTokenValue3][i]}`,
      )
      .join(' ; '),
  });
  return { identity, configurationSet, grantSend, sender: settings.sender, sesEvents };
}
