import { safeLine } from '../report/untrusted-text.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import type { NotifyMessage } from './message.js';

/** How many subjects of the batch and of the exclusions the message lists; the rest is counted. */
const LISTED = 5;
/** Slack refuses a section longer than 3000 characters; a subject rarely needs more than this. */
const SUBJECT_LENGTH = 120;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Untrusted text (commit subjects, names, reasons) made inert in Slack mrkdwn: no control or bidi
 * character, and no `<…>` of its own, which Slack reads as a link or a mention (`<!channel>`).
 */
export function slackText(text: string, max = SUBJECT_LENGTH): string {
  const line = safeLine(text);
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return cut.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/** A link Slack can open: only http(s), with nothing that could end the `<url|label>` early. */
function slackLink(url: string, label: string): string | null {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url)) return null;
  return `<${url}|${label}>`;
}

function headline(message: NotifyMessage): { icon: string; text: string } {
  const env = slackText(message.environment);
  const deploy = message.deploy;
  const who = slackText(message.user);
  switch (message.event) {
    case 'start':
      return { icon: '🚀', text: `${who} is ${deploy?.action === 'rollback' ? 'rolling back' : 'deploying'} ${env}` };
    case 'success':
      return { icon: '✅', text: `${who} deployed ${env}` };
    case 'failure': {
      const what =
        deploy?.status === 'aborted'
          ? 'was aborted'
          : deploy?.status === 'faulty'
            ? 'failed its verification'
            : 'failed';
      return { icon: '❌', text: `${env} deploy by ${who} ${what}` };
    }
    case 'rollback':
      return { icon: deploy?.status === 'success' ? '↩️' : '❌', text: `${who} rolled back ${env}: ${deploy?.status}` };
    case 'exclusion':
      return { icon: '⏸️', text: `${env} deploy by ${who} holds back ${plural(message.excluded.length, 'commit')}` };
    case 'lock':
      return { icon: '🔒', text: `${who} locked ${env}` };
    case 'unlock':
      return { icon: '🔓', text: `${who} unlocked ${env}` };
  }
}

function bulletList(lines: string[], total: number): string {
  const more = total > lines.length ? `\n…and ${total - lines.length} more` : '';
  return lines.map((line) => `• ${line}`).join('\n') + more;
}

/** The Block Kit message of an incoming webhook: `text` is the fallback notifications and old clients show. */
export function slackPayload(message: NotifyMessage): { text: string; blocks: unknown[] } {
  const { icon, text } = headline(message);
  const deploy = message.deploy;
  const what: string[] = [`*${icon} ${text}*`];
  if (deploy) {
    const commit = message.commit;
    const subject = commit ? ` ${slackText(commit.subject)}` : '';
    what.push(`${deploy.action} #${deploy.id} · \`${shortSha(commit?.sha ?? deploy.sha)}\`${subject}`);
    if (deploy.message && message.event !== 'start' && deploy.status !== 'success') {
      what.push(`_${slackText(deploy.message)}_`);
    }
  }
  if (message.lock) what.push(`Reason: ${slackText(message.lock.reason)}`);
  const blocks: unknown[] = [section(what.join('\n'))];

  const batch = message.batch;
  if (batch && batch.count > 0 && message.event !== 'exclusion') {
    const label = deploy?.action === 'rollback' ? 'Rolled back' : 'Batch';
    const lines = batch.commits
      .slice(0, LISTED)
      .map((c) => `\`${shortSha(c.sha)}\` ${slackText(c.subject)} (${slackText(c.author, 60)})`);
    blocks.push(
      section(`*${label}: ${batch.count} commit${batch.count === 1 ? '' : 's'}*\n${bulletList(lines, batch.count)}`),
    );
  }
  if (message.excluded.length) {
    const lines = message.excluded
      .slice(0, LISTED)
      .map((c) => `\`${shortSha(c.sha)}\` ${slackText(c.subject)}${c.reason ? `: ${slackText(c.reason)}` : ''}`);
    blocks.push(section(`*Held back: ${message.excluded.length}*\n${bulletList(lines, message.excluded.length)}`));
  }
  const link = message.logUrl && slackLink(message.logUrl, 'View the log');
  if (link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: link }] });
  return { text: `${icon} ${text}`, blocks };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
