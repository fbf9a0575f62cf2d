import { StringDecoder } from 'node:string_decoder';

// One home for keeping secrets out of everything shipit prints, logs, records
// or pushes: the report, --json, the step summary, deploy logs, history.

/** Environment variables whose values are treated as secrets, by name. */
const SECRET_NAME =
  /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|WEBHOOK/i;

/** Shorter values would mask ordinary words and numbers; no real secret is this short. */
const MIN_SECRET_LENGTH = 6;

/**
 * The secret values known from the environment: every variable whose name looks
 * like a secret, plus the variables the config's `secrets` setting names.
 */
export function secretValues(env: NodeJS.ProcessEnv, extraNames: readonly string[] = []): string[] {
  const extra = new Set(extraNames);
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (SECRET_NAME.test(name) || extra.has(name)) values.add(value);
  }
  return longestFirst(values);
}

/**
 * Secrets from several sources as one list without repeats, longest first, so
 * a secret that contains another is masked whole.
 */
export function longestFirst(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret with `***`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && masked.includes(secret)) masked = masked.split(secret).join('***');
  }
  return masked;
}

/** `value` (a string, or plain data holding strings) with every secret in every string masked. */
export function maskStrings<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  if (typeof value === 'string') return maskSecrets(value, secrets) as T;
  return JSON.parse(JSON.stringify(value), (_key, field) =>
    typeof field === 'string' ? maskSecrets(field, secrets) : field,
  );
}

/** A URL with its user info and query values hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return redactCredentials(url);
  }
}

/**
 * `text` with the user info of every URL in it hidden, as git remotes and
 * their errors carry it: `https://x-access-token:TOKEN@github.com/…` becomes
 * `https://***@github.com/…`. The rest of the text stays exactly as it was.
 */
export function redactCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//***@');
}

/** An http(s) URL without its user info, for a link the reader can still follow. */
export function stripCredentials(url: string): string {
  return url.replace(/^(https?:\/\/)[^/@\s]*@/, '$1');
}

export interface StreamMasker {
  /** The masked text that is safe to write now; a possible secret's start is held back. */
  write(chunk: Buffer): Buffer;
  /** Whatever was held back, masked: call once at the end of the stream. */
  end(): Buffer;
}

/**
 * Masks a stream whose chunks may split a secret (`ghp_ab` | `cd…`): every
 * complete secret is masked at once, and only a tail that could be the start
 * of one is held until the next chunk says whether it is. Output stays live
 * (no waiting for a newline), and a secret never leaves in two halves.
 */
export function createStreamMasker(secrets: readonly string[]): StreamMasker {
  const usable = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const decoder = new StringDecoder('utf8');
  let held = '';
  const release = (text: string): Buffer => {
    const masked = maskSecrets(text, usable);
    const keep = longestSecretStart(masked, usable);
    held = masked.slice(masked.length - keep);
    return Buffer.from(masked.slice(0, masked.length - keep));
  };
  return {
    write(chunk) {
      if (!usable.length) return chunk;
      return release(held + decoder.write(chunk));
    },
    end() {
      const rest = held + decoder.end();
      held = '';
      return Buffer.from(maskSecrets(rest, usable));
    },
  };
}

/** The length of the longest end of `text` that is the beginning of a secret (and not the whole of it). */
function longestSecretStart(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(secret.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}

/**
 * Only the scheme and host of a URL, for messages about a URL whose path is itself a secret
 * (a Slack incoming webhook: hooks.slack.com/services/T…/B…/<token>): `https://hooks.slack.com/***`.
 */
export function redactUrlPath(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}/***`;
  } catch {
    return '***';
  }
}
