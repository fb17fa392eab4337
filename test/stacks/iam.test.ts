import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent } from '../../stacks/Agent.js';
import { Alarms } from '../../stacks/Alarms.js';
import { Data } from '../../stacks/Data.js';
import { Email } from '../../stacks/Email.js';
import { Monitor } from '../../stacks/Monitor.js';
import { Site } from '../../stacks/Site.js';
import { type Synthesized, synth } from './synth.js';

interface Statement {
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}
interface Found {
  readonly where: string;
  readonly statement: Statement;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every identity-policy statement in a template: policies, managed policies and roles' inline policies. */
interface Document {
  readonly Statement?: Statement | Statement[];
}
interface IamResource {
  readonly Type: string;
  readonly Properties?: { PolicyDocument?: Document; Policies?: { PolicyDocument: Document }[] };
}

const statementsOf = (stackName: string, template: { Resources?: Record<string, IamResource> }) =>
  Object.entries(template.Resources ?? {}).flatMap(([id, r]): Found[] => {
    const documents =
      r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
        ? [r.Properties?.PolicyDocument]
        : r.Type === 'AWS::IAM::Role'
          ? list(r.Properties?.Policies).map((p) => p.PolicyDocument)
          : [];
    return documents.flatMap((d) =>
      list<Statement>(d?.Statement).map((statement) => ({ where: `${stackName}/${id}`, statement })),
    );
  });

/** Statements that allow every action, or every action of a service, on every resource. */
const wildcardOnWildcard = (found: Found[]): Found[] =>
  found.filter(
    ({ statement: s }) =>
      s.Effect === 'Allow' &&
      list(s.Resource).includes('*') &&
      list(s.Action).some((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a)),
  );

describe('IAM', () => {
  let synthesized: Synthesized;
  let all: Found[];
  beforeAll(async () => {
    vi.stubEnv('DVCWATCH_REGISTRY_URI', 's3://dvcwatch-config-example/registry/vietnam.yaml');
    synthesized = await synth();
    vi.unstubAllEnvs();
    all = Object.entries({ Data, Email, Site, Agent, Monitor, Alarms }).flatMap(([name, stack]) =>
      statementsOf(name, synthesized.template(stack).toJSON()),
    );
  });

  it('finds a wildcard action on a wildcard resource when there is one', () => {
    const planted: Found[] = [
      { where: 'planted', statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } },
      { where: 'planted', statement: { Effect: 'Allow', Action: ['ses:SendEmail'], Resource: ['*'] } },
    ];

    expect(wildcardOnWildcard(planted).map((f) => f.statement.Action)).toEqual(['s3:*']);
  });

  it('grants no `*` or `service:*` action on resource `*` anywhere in the app', () => {
    const offenders = wildcardOnWildcard(all);

    expect(all.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('lets only the mail function send, scoping ses:SendEmail and ses:SendRawEmail to the sender identity and configuration set', () => {
    const send = all.filter(({ statement: s }) => list(s.Action).some((a) => a.startsWith('ses:Send')));

    expect(send.map((f) => f.where.split('/')[1]?.replace(/ServiceRole.*$/, '')).sort()).toEqual(['Mail']);
    for (const { statement } of send) {
      const resources = list(statement.Resource).map((r) => JSON.stringify(r));
      expect(resources).toHaveLength(2);
      expect(resources.some((r) => r.includes(':identity/'))).toBe(true);
      expect(resources.some((r) => r.includes('configuration-set'))).toBe(true);
      expect(resources).not.toContain('"*"');
    }
  });

  it('lets only the registry readers get the registry object, by its exact ARN', () => {
    const reads = all.filter(({ statement: s }) =>
      JSON.stringify(s.Resource).includes(':s3:::dvcwatch-config-example/registry/vietnam.yaml'),
    );

    expect(reads.map((f) => f.where.split('/')[1]?.replace(/ServiceRole.*$/, '')).sort()).toEqual([
      'Digest',
      'Dispatch',
      'Finalize',
      'Probe',
      'Watchdog',
    ]);
    for (const { statement } of reads) {
      expect(statement.Action).toEqual('s3:GetObject');
      expect(list(statement.Resource)).toHaveLength(1);
    }
  });
});
