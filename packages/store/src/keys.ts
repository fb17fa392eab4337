/** Every DynamoDB key, built here and only here: prefixed by entity and versioned (`v1#`). */
const agency = (id: string) => `v1#agency#${id}`;

/** Partition prefix of vantage observations: the agent's policy names it (stacks/Agent.ts). */
export const VANTAGE_PK_PREFIX = 'v1#vantage#';

export const keys = {
  result: (agencyId: string, at: string) => ({ pk: agency(agencyId), sk: `result#${at}` }),
  resultPrefix: 'result#',
  alertState: (agencyId: string) => ({ pk: agency(agencyId), sk: 'alert' }),
  /** The agency's last gathered check facts (reused between catalogue runs). */
  facts: (agencyId: string) => ({ pk: agency(agencyId), sk: 'facts' }),
  incident: (agencyId: string, openedAt: string) => ({ pk: agency(agencyId), sk: `incident#${openedAt}` }),
  incidentPrefix: 'incident#',
  day: (agencyId: string, day: string) => ({ pk: agency(agencyId), sk: `day#${day}` }),
  dayPrefix: 'day#',
  /** One agency's ministry-profile (Lighthouse mobile) runs of one Vietnamese calendar day. */
  labDay: (agencyId: string, day: string) => ({ pk: agency(agencyId), sk: `lab#${day}` }),
  labDayPrefix: 'lab#',
  /** One email send: (agency or `ops`, incident or topic, step). */
  send: (scope: string, topic: string, step: string) => ({ pk: `v1#send#${scope}`, sk: `${topic}#${step}` }),
  sendScopePrefix: 'v1#send#',
  /** A round's small record: counts and times (the list of rounds is one partition of these). */
  round: (at: string) => ({ pk: 'v1#rounds', sk: `round#${at}` }),
  roundPrefix: 'round#',
  /** The agencies a round expects (written once, read by finalize). */
  roundExpected: (at: string) => ({ pk: `v1#round#${at}`, sk: 'expected' }),
  /** One agency's completion of a round: a small item written once, so marking done costs the same at any size. */
  roundDone: (at: string, agencyId: string) => ({ pk: `v1#round#${at}`, sk: `done#${agencyId}` }),
  roundDonePrefix: 'done#',
  /**
   * What one confirming vantage saw of an agency in a round. Its own partition prefix, so the agent's IAM policy
   * can allow PutItem on `v1#vantage#*` only (dynamodb:LeadingKeys), never on results or alert state.
   */
  vantageObservation: (agencyId: string, at: string, vantageId: string) => ({
    pk: `${VANTAGE_PK_PREFIX}${agencyId}`,
    sk: `${at}#${vantageId}`,
  }),
  /** One agency's job in one round's dispatch: claimed, then queued (resumable dispatch). */
  dispatchJob: (at: string, agencyId: string) => ({ pk: `v1#dispatch#${at}`, sk: `job#${agencyId}` }),
  sesEvent: (at: string, messageId: string) => ({ pk: 'v1#ses-events', sk: `${at}#${messageId}` }),
  /** The monitor's own network health (one record for the registry): the outage guard's reference and state. */
  monitorHealth: () => ({ pk: 'v1#monitor', sk: 'health' }),
  /** An email SES refused for good (sandbox, unverified sender or recipient): listed to the operators once a day. */
  rejection: (at: string, scope: string, topic: string, step: string) => ({
    pk: 'v1#ses-rejections',
    sk: `${at}#${scope}#${topic}#${step}`,
  }),
  rejectionPk: 'v1#ses-rejections',
  /** One import of the QĐ 766 index, by the time it was fetched (imports are only ever added, never replaced). */
  index766Import: (fetchedAt: string) => ({ pk: 'v1#index766', sk: `import#${fetchedAt}` }),
  index766Pk: 'v1#index766',
  index766ImportPrefix: 'import#',
  /** One month's frozen edition (`YYYY-MM`), written once. */
  edition: (month: string) => ({ pk: 'v1#editions', sk: `edition#${month}` }),
  editionPk: 'v1#editions',
  editionPrefix: 'edition#',
} as const;

export type Key = { pk: string; sk: string };
