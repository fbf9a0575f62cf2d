import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../../src/checks/http/endpoint.js';
import {
  longestFirst,
  maskSecrets,
  maskStrings,
  redactCredentials,
  redactUrl,
  secretValues,
  stripCredentials,
} from '../../src/secrets/mask.js';

// The one redaction module, tried on everything the five former copies hid:
// user info in URLs and git remotes, tokens in query strings, header secrets
// filled from the environment, and a token echoed in a GitHub error.
const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

describe('redactCredentials (git remotes and the errors that quote them)', () => {
  it('hides an x-access-token remote and leaves the rest of the URL as written', () => {
    expect(redactCredentials(`https://x-access-token:${TOKEN}@github.com/Acme/Shop.git`)).toBe(
      'https://***@github.com/Acme/Shop.git',
    );
  });

  it('hides user and password, and a user alone', () => {
    expect(redactCredentials('https://deploy:hunter22@git.example.com/a/b')).toBe('https://***@git.example.com/a/b');
    expect(redactCredentials('ssh://git@host:2222/a/b.git')).toBe('ssh://***@host:2222/a/b.git');
  });

  it('hides every URL in a line of git output, and nothing else', () => {
    const stderr = `fatal: unable to access 'https://bot:${TOKEN}@ghe.example/a/b/': also https://u:p4ss@mirror/x, mail ops@example.com`;
    const shown = redactCredentials(stderr);
    expect(shown).toBe(
      "fatal: unable to access 'https://***@ghe.example/a/b/': also https://***@mirror/x, mail ops@example.com",
    );
    expect(shown).not.toContain(TOKEN);
  });

  it('leaves URLs without credentials and scp-style remotes alone', () => {
    expect(redactCredentials('https://github.com/a/b.git')).toBe('https://github.com/a/b.git');
    expect(redactCredentials('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
  });
});

describe('stripCredentials (links the reader follows)', () => {
  it('drops the user info and keeps the link usable', () => {
    expect(stripCredentials('https://user:s3cret99@status.example.com/api/v2/summary.json')).toBe(
      'https://status.example.com/api/v2/summary.json',
    );
    expect(stripCredentials('http://alerts.internal:9093')).toBe('http://alerts.internal:9093');
  });
});

describe('redactUrl (a URL shown whole)', () => {
  it('hides tokens in the query string and the user info', () => {
    const shown = redactUrl(`https://bot:${TOKEN}@api.example.com/health?token=${TOKEN}&region=eu`);
    expect(shown).toBe('https://***@api.example.com/health?token=***&region=***');
    expect(shown).not.toContain(TOKEN);
  });

  it('falls back to hiding user info when the text is no URL', () => {
    expect(redactUrl(`not a url //me:${TOKEN}@host`)).toBe('not a url //***@host');
  });
});

describe('known secrets', () => {
  it('masks an Authorization header value filled from the environment wherever a server echoes it', () => {
    const env = { STATUS_BEARER: TOKEN, PATH: '/usr/bin' };
    const request = prepareRequest(
      {
        url: 'https://deploy:pw123456@status.example.com/x',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shipit's own `${env:NAME}` syntax, not a JS template
        headers: { Authorization: 'Bearer ${env:STATUS_BEARER}' },
      },
      env,
      new AbortController().signal,
    );
    expect(request.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(request.label).toBe('https://status.example.com/x');
    expect(maskSecrets(`401: bad header "Bearer ${TOKEN}"`, request.secrets ?? [])).toBe(
      '401: bad header "Bearer ***"',
    );
  });

  it('lists secrets once, longest first, so one inside another is masked whole', () => {
    expect(longestFirst(['abcdef', 'abcdefgh', 'abcdef'])).toEqual(['abcdefgh', 'abcdef']);
    expect(maskSecrets('key=abcdefgh', longestFirst(['abcdef', 'abcdefgh']))).toBe('key=***');
  });

  it('takes secret-looking variables and the named extras, nothing else', () => {
    const env = { GITHUB_TOKEN: TOKEN, DB_PASSWORD: 'correct-horse', PLAIN: 'visible-value', EXTRA: 'named-extra' };
    expect(secretValues(env, ['EXTRA'])).toEqual([TOKEN, 'correct-horse', 'named-extra']);
  });

  it('masks a GitHub token inside nested records', () => {
    expect(maskStrings({ note: `token ${TOKEN}`, list: [TOKEN] }, [TOKEN])).toEqual({
      note: 'token ***',
      list: ['***'],
    });
  });
});
