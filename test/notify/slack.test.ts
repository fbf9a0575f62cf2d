import { describe, expect, it } from 'vitest';
import type { NotifyMessage } from '../../src/notify/message.js';
import { slackPayload, slackText } from '../../src/notify/slack.js';
import type { DeployRecord } from '../../src/state/record.js';

const SHA = 'a'.repeat(40);
const record: DeployRecord = {
  id: 7,
  action: 'deploy',
  status: 'success',
  environment: 'production',
  sha: SHA,
  candidate: SHA,
  ref: 'origin/main',
  previousSha: 'b'.repeat(40),
  excluded: [],
  user: 'ana',
  host: 'ci',
  startedAt: '2026-11-30T00:00:00.000Z',
};

const message = (fields: Partial<NotifyMessage> = {}): NotifyMessage => ({
  event: 'success',
  environment: 'production',
  user: 'ana',
  repository: 'acme/shop',
  logUrl: 'https://github.com/acme/shop/actions/runs/1',
  deploy: record,
  commit: { sha: SHA, subject: 'feat: cart' },
  batch: {
    count: 7,
    commits: Array.from({ length: 7 }, (_, i) => ({ sha: SHA, subject: `change ${i}`, author: 'bo' })),
  },
  excluded: [],
  lock: null,
  ...fields,
});

describe('the Slack message', () => {
  it('is Block Kit with a text fallback: who, what, the batch, the log link', () => {
    const payload = slackPayload(message());
    expect(payload.text).toBe('✅ ana deployed production');
    const texts = JSON.stringify(payload.blocks);
    expect(payload.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*✅ ana deployed production*\ndeploy #7 · `aaaaaaa` feat: cart' },
    });
    expect(texts).toContain('*Batch: 7 commits*');
    expect(texts).toContain('• `aaaaaaa` change 0 (bo)');
    expect(texts).toContain('…and 2 more');
    expect(payload.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<https://github.com/acme/shop/actions/runs/1|View the log>' }],
    });
  });

  it('escapes untrusted text for mrkdwn and strips control and bidi characters', () => {
    expect(slackText('<!channel> & <https://evil|click>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|click&gt;');
    expect(slackText('ok\u202e\u001b[31mred\ncut')).toBe('ok\\u202ered\\ncut');
    const payload = slackPayload(
      message({
        event: 'failure',
        user: 'mallory <!here>',
        deploy: { ...record, status: 'failure', message: 'the script exited 3' },
        excluded: [{ sha: SHA, subject: 'fix: <@U123>', reason: 'breaks & burns', by: 'ana', deployId: 7 }],
      }),
    );
    const all = JSON.stringify(payload);
    expect(all).not.toMatch(/<!here>|<@U123>/);
    expect(payload.text).toBe('❌ production deploy by mallory &lt;!here&gt; failed');
    expect(all).toContain('*Held back: 1*\\n• `aaaaaaa` fix: &lt;@U123&gt;: breaks &amp; burns');
    expect(all).toContain('_the script exited 3_');
  });

  it('links only to an http(s) log', () => {
    const payload = slackPayload(message({ logUrl: 'javascript:alert(1)' }));
    expect(JSON.stringify(payload)).not.toContain('javascript');
  });
});
