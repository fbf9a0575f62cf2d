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
  // Longest first, so a secret that contains another is masked whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret with `***`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && masked.includes(secret)) masked = masked.split(secret).join('***');
  }
  return masked;
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
    return url.replace(/\/\/[^/@\s]+@/, '//***@');
  }
}
