import { AssayError } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeIsolates } from '../isolation/isolate-pool';
import { evaluateExpression } from './jsonata';
import { configureLimits, DEFAULT_LIMITS } from './limits';
import { renderTemplate, resolveTemplates } from './templates';

/**
 * Runs `work` while a 10 ms interval measures how long the event loop goes without a turn; returns
 * the work's outcome and the longest gap. Without isolation the attacks below hold the loop for
 * seconds to minutes; with it the loop keeps turning.
 */
async function withLoopWatch<T>(work: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; longestGapMs: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 10);
  const [outcome] = await Promise.allSettled([work()]);
  clearInterval(timer);
  return { outcome: outcome as PromiseSettledResult<T>, longestGapMs };
}

function failure(outcome: PromiseSettledResult<unknown>): AssayError {
  expect(outcome.status).toBe('rejected');
  const reason = (outcome as PromiseRejectedResult).reason as unknown;
  expect(reason).toBeInstanceOf(AssayError);
  return reason as AssayError;
}

/** Far above what a turn of the loop takes with isolation, far below what the attacks stall it for. */
const RESPONSIVE_MS = 1000;

describe('expressions and templates that would stall the event loop', () => {
  beforeAll(() => configureLimits({ timeoutMs: 1500 }));
  afterAll(async () => {
    configureLimits(DEFAULT_LIMITS);
    await closeIsolates();
  });

  it('a catastrophic regular expression fails on its time limit while the loop keeps turning', async () => {
    const { outcome, longestGapMs } = await withLoopWatch(() =>
      evaluateExpression('$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)', {}, 'steps.t.with.expression'),
    );
    const error = failure(outcome);
    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toBe(
      'steps.t.with.expression: the expression ran longer than its time limit of 1500 ms (ASSAY_EXPRESSION_TIMEOUT_MS)',
    );
    expect(longestGapMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('a ten-million-item range fails on the item limit', async () => {
    const { outcome, longestGapMs } = await withLoopWatch(() =>
      evaluateExpression('$count([1..10000000].$string())', {}, 'steps.t.with.expression'),
    );
    const error = failure(outcome);
    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toContain('more than 1,000,000 items (ASSAY_EXPRESSION_MAX_ITEMS)');
    expect(longestGapMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('work within the item limit that outgrows the main thread runs to its time limit in an isolate', async () => {
    const { outcome, longestGapMs } = await withLoopWatch(() =>
      evaluateExpression(
        '$count([1..900000].$string($ * 2)) + $count([1..900000].$string($ * 3)) + $count([1..900000].$string($ * 5))',
        {},
        'steps.t.with.expression',
      ),
    );
    if (outcome.status === 'fulfilled') expect(outcome.value).toBe(2_700_000);
    else expect(failure(outcome).code).toBe('limit_exceeded');
    expect(longestGapMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('a Liquid loop of five million turns fails on its time limit while the loop keeps turning', async () => {
    const { outcome, longestGapMs } = await withLoopWatch(() =>
      renderTemplate('{% for i in (1..5000000) %}xxxxxxxxxx{% endfor %}', {}, 'steps.memo.with.template'),
    );
    const error = failure(outcome);
    expect(error.code).toBe('limit_exceeded');
    expect(error.message).toMatch(
      /^steps\.memo\.with\.template: the template (ran longer than its time limit of 1500 ms|allocated more than)/,
    );
    expect(longestGapMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('results over the output limit are refused before they reach the main thread', async () => {
    // About the size limit, not the time limit: a busy core must not turn it into a timeout.
    configureLimits({ maxOutputBytes: 100_000, timeoutMs: 120_000 });
    try {
      const error = failure((await Promise.allSettled([evaluateExpression('$join([1..50000].("xxxxxxxxxx"))', {}, 'p')]))[0]!);
      expect(error.code).toBe('output_too_large');
      expect(error.message).toMatch(
        /^p: the expression's value is [\d,]+ bytes or more, over the limit of 100,000 bytes \(ASSAY_MAX_OUTPUT_BYTES\)$/,
      );
    } finally {
      configureLimits({ maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes, timeoutMs: 1500 });
    }
  });

  it('isolated expressions and templates give the same answers as the main thread', async () => {
    // About correctness, not the time limit: a slow or busy machine must not fail it.
    configureLimits({ timeoutMs: 120_000 });
    onTestFinished(() => configureLimits({ timeoutMs: 1500 }));
    const scope = { input: { name: 'Acme Analytics' }, steps: { a: { output: { rows: [{ n: 'x' }, { n: 'y' }] } }, b: { output: 2 } } };
    expect(await evaluateExpression('$match(input.name, /^A(\\w+)/).groups[0]', scope, 'p')).toBe('cme');
    expect(await evaluateExpression('$replace(input.name, "Acme", "Zed") & steps.b.output', scope, 'p')).toBe('Zed Analytics2');
    expect(await evaluateExpression('$sort(steps.a.output.rows.n, function($l, $r) { $l < $r })', scope, 'p')).toEqual(['y', 'x']);
    expect(await evaluateExpression('$pad("7", -3, "0")', scope, 'p')).toBe('007');
    const long = `{% for i in (1..300000) %}{% endfor %}{{ steps.b.output }}:{{ input.name | upcase }}`;
    expect(await renderTemplate(long, scope, 'p')).toBe('2:ACME ANALYTICS');
    expect(await resolveTemplates({ a: long, b: '{{ steps.a.output.rows[1].n }}' }, scope, 'with')).toEqual({
      a: '2:ACME ANALYTICS',
      b: 'y',
    });
  });

  it('evaluation errors in an isolate name the path as on the main thread', async () => {
    const error = failure((await Promise.allSettled([evaluateExpression('$match(1, /a/)', {}, 'steps.t.with.expression')]))[0]!);
    expect(error.code).toBe('step_failed');
    expect(error.message).toMatch(/^steps\.t\.with\.expression: .*match/);
  });

  it('a cancelled run stops its isolated expression at once', async () => {
    // The time limit far away: the expression ends because it was cancelled, long before the limit.
    configureLimits({ timeoutMs: 120_000 });
    onTestFinished(() => configureLimits({ timeoutMs: 1500 }));
    const controller = new AbortController();
    const started = performance.now();
    const pending = evaluateExpression('$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)', {}, 'p', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('cancelled by the test')), 100);
    await expect(pending).rejects.toThrow('cancelled by the test');
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});

describe('templates read no files', () => {
  it.each(["{% include 'package.json' %}", "{% render 'package.json' %}", "{% layout 'package.json' %}x"])(
    '%s fails as a template error',
    async (template) => {
      await expect(renderTemplate(template, {}, 'steps.memo.with.template')).rejects.toMatchObject({
        code: 'template_error',
        message: expect.stringContaining('steps.memo.with.template'),
      });
    },
  );
});
