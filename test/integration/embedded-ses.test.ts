import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { startSes } from '@dvcwatch/cli';
import { describe, expect, it } from 'vitest';
import { type EmulatedEmail, LOCAL_AWS } from './helpers/world.js';

/**
 * The SES emulator keeps its messages in module state shared by every instance in the process. Integration files
 * share modules (vitest.config.ts): an emulator must never show the emails of one closed before it started.
 */
const send = async (endpoint: string, to: string) => {
  const ses = new SESClient({ ...LOCAL_AWS, endpoint });
  try {
    await ses.send(
      new SendEmailCommand({
        Source: 'dvcwatch@mophong.dvcwatch',
        Destination: { ToAddresses: [to] },
        Message: { Subject: { Data: 'thử' }, Body: { Text: { Data: 'thử' } } },
      }),
    );
  } finally {
    ses.destroy();
  }
};
const stored = async (endpoint: string) =>
  ((await (await fetch(`${endpoint}/store`)).json()) as { emails: EmulatedEmail[] }).emails.map((e) => e.destination.to[0]);

describe('the embedded SES emulator', () => {
  it("starts empty after an earlier one closed, and shares the store while two run (the package's module state)", async () => {
    const first = await startSes();
    await send(first.endpoint, 'a@mophong.dvcwatch');
    const second = await startSes();
    await send(second.endpoint, 'b@mophong.dvcwatch');
    expect(await stored(first.endpoint)).toEqual(['a@mophong.dvcwatch', 'b@mophong.dvcwatch']);
    await first.close();
    await second.close();

    const next = await startSes();
    try {
      expect(await stored(next.endpoint)).toEqual([]);
    } finally {
      await next.close();
    }
  });
});
