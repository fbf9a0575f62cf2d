import { longestFirst, secretValues, stripCredentials } from '../../secrets/mask.js';
import * as z from '../../validation/zod.js';
import type { CheckRun } from '../define.js';
import { fillFromEnv } from './env-template.js';
import type { HttpRequest } from './fetch-json.js';
import { isRequestError } from './request-error.js';

export const httpUrlSchema = z.string().check(z.regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL'));

/** Header values may hold `${env:NAME}`, filled in at run time so no secret is written in the config. */
export const headersSchema = z.record(z.string().check(z.minLength(1)), z.string());

export interface EndpointTemplate {
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Fills the `${env:…}` references and labels the URL without credentials or secrets. */
export function prepareRequest(
  template: EndpointTemplate,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Omit<HttpRequest, 'method'> {
  const headers = fillFromEnv(template.headers ?? {}, env, (name) => `header ${name}`);
  const rest = fillFromEnv(
    { url: template.url, ...(template.body === undefined ? {} : { body: template.body }) },
    env,
    (key) => `the ${key}`,
  );
  return {
    url: rest.values.url as string,
    label: stripCredentials(template.url),
    headers: headers.values,
    body: rest.values.body,
    signal,
    // What the config filled in, and every secret-looking variable, in case a server echoes one back.
    secrets: longestFirst([...headers.secrets, ...rest.secrets, ...secretValues(env)]),
  };
}

export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;

/** An unreachable or misbehaving service is a `fail` with its one-line reason, never a crash. */
export const failOnRequestError =
  (run: CheckRun): CheckRun =>
  async (ctx) => {
    try {
      return await run(ctx);
    } catch (error) {
      if (isRequestError(error)) return { status: 'fail', summary: error.message };
      throw error;
    }
  };
