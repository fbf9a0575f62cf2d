import type { CheckOutcome } from '../gate/contract.js';
import { maskSecrets, redactUrl } from '../secrets/mask.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';
import { failOnRequestError, headersSchema, httpUrlSchema, prepareRequest } from './http/endpoint.js';
import { describeBody, describeStatus, type HttpResponse, sendRequest } from './http/fetch-json.js';
import { findMismatch, jsonExpectationSchema } from './http/json-expectation.js';
import type { RedirectPolicy } from './http/redirects.js';

/** What an `evaluate` function in a JS/TS config receives. */
export interface HttpCheckResponse {
  status: number;
  statusText: string;
  url: string;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export type HttpEvaluate = (response: HttpCheckResponse) => CheckOutcome | Promise<CheckOutcome>;

const statusCode = z.number().check(z.int(), z.gte(100), z.lte(599));
const outcomeSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail', 'skip']),
  summary: z.string(),
  details: z.optional(z.array(z.string())),
  url: z.optional(z.string()),
});

export const httpCheck = defineBuiltin({
  type: 'http',
  description: 'calls a URL; passes when the status and the JSON body are what the config expects',
  schema: z
    .strictObject({
      url: httpUrlSchema,
      method: z._default(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']), 'GET'),
      headers: z.optional(headersSchema),
      body: z.optional(z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])),
      expectStatus: z.optional(z.union([statusCode, z.array(statusCode).check(z.minLength(1))])),
      // `true` and `false`, the values before the policies existed, keep their meaning.
      followRedirects: z.pipe(
        z._default(z.union([z.enum(['same-origin', 'any', 'never']), z.boolean()]), 'same-origin'),
        z.transform((value): RedirectPolicy => (value === true ? 'any' : value === false ? 'never' : value)),
      ),
      json: z.optional(z.union([jsonExpectationSchema, z.array(jsonExpectationSchema).check(z.minLength(1))])),
      evaluate: z.optional(
        z.custom<HttpEvaluate>((value) => typeof value === 'function', 'expected a function (response) => outcome'),
      ),
    })
    .check(
      z.refine((options) => !(options.json && options.evaluate), { message: 'give either json or evaluate, not both' }),
    ),
  create: (options) =>
    failOnRequestError(async (ctx) => {
      const jsonBody = options.body !== undefined && typeof options.body !== 'string';
      const request = prepareRequest(
        {
          url: options.url,
          headers: { ...(jsonBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
          body: jsonBody ? JSON.stringify(options.body) : (options.body as string | undefined),
        },
        ctx.env,
        ctx.signal,
      );
      const response = await sendRequest({ ...request, method: options.method, redirects: options.followRedirects });
      // Where the answer came from: a 200 from the page a redirect led to is not the endpoint's 200.
      const landed = response.redirects.length ? redactUrl(response.url) : undefined;
      const call = `${options.method} ${request.label}${landed ? ` → ${landed}` : ''}`;
      const mask = (text: string) => maskSecrets(text, request.secrets ?? []);

      const expected = options.expectStatus === undefined ? undefined : [options.expectStatus].flat();
      const statusOk = expected ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
      if (!statusOk) {
        const want = expected ? expected.join(' or ') : '2xx';
        return { status: 'fail', summary: mask(`${call}: expected ${want}, got ${describeStatus(response)}`) };
      }
      if (options.evaluate) {
        const outcome = await evaluateResponse(options.evaluate, response, call);
        return { ...outcome, summary: mask(outcome.summary), details: outcome.details?.map(mask) };
      }
      if (!options.json) return { status: 'pass', summary: mask(`${call} answered ${response.status}`) };

      if (response.json === undefined) {
        return { status: 'fail', summary: mask(`${call}: expected a JSON body, got ${describeBody(response)}`) };
      }
      const expectations = [options.json].flat();
      const mismatches = expectations.map((expectation) => findMismatch(response.json, expectation));
      const failed = mismatches.filter((line): line is string => line !== null);
      if (failed.length === 0) {
        const checked = expectations.map((expectation) => expectation.path).join(', ');
        return { status: 'pass', summary: mask(`${call} answered ${response.status}; ${checked} as expected`) };
      }
      return {
        status: 'fail',
        summary: mask(`${call}: ${failed[0]}`),
        details: failed.length > 1 ? failed.map(mask) : undefined,
      };
    }),
});

async function evaluateResponse(evaluate: HttpEvaluate, response: HttpResponse, call: string): Promise<CheckOutcome> {
  let returned: unknown;
  try {
    returned = await evaluate({
      status: response.status,
      statusText: response.statusText,
      url: response.url,
      headers: Object.fromEntries(response.headers),
      text: response.text,
      json: response.json,
    });
  } catch (error) {
    return {
      status: 'fail',
      summary: `${call}: evaluate() threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const outcome = outcomeSchema.safeParse(returned);
  if (outcome.success) return outcome.data;
  return {
    status: 'fail',
    summary: `${call}: evaluate() must return { status: 'pass' | 'warn' | 'fail' | 'skip', summary }, got ${JSON.stringify(returned) ?? String(returned)}`,
  };
}
