import { describe, expect, it } from 'vitest';
import { redactUrlPath } from '../../src/secrets/mask.js';

describe('redactUrlPath', () => {
  it('keeps only the scheme and host: a Slack webhook path is itself a secret', () => {
    expect(redactUrlPath('https://hooks.slack.com/services/T0/B0/XXXXSECRET')).toBe('https://hooks.slack.com/***');
    expect(redactUrlPath('https://user:pw@ops.example.com:8443/hook?token=abc')).toBe(
      'https://ops.example.com:8443/***',
    );
  });

  it('shows nothing of what is not a URL', () => {
    expect(redactUrlPath('hooks.slack.com/services/T0/B0/XXXX')).toBe('***');
  });
});
