import type { AssayEvent } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { applyToolEvent, type LiveToolCalls } from './run-events';

const event = (type: string, data: Record<string, unknown>, stepId: string | null = 'agent'): AssayEvent => ({
  id: '1',
  type: type as AssayEvent['type'],
  runId: 'r',
  workflowId: 'w',
  batchId: null,
  stepId,
  data,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('applyToolEvent', () => {
  it('shows a call running when announced, then done or failed in the same place', () => {
    let calls: LiveToolCalls = {};
    calls = applyToolEvent(calls, event('step.tool_called', { tool: 'lookup', callId: 'a' }));
    calls = applyToolEvent(calls, event('step.tool_called', { tool: 'filings', callId: 'b' }));
    expect(calls.agent).toEqual([
      { callId: 'a', tool: 'lookup', state: 'running' },
      { callId: 'b', tool: 'filings', state: 'running' },
    ]);
    calls = applyToolEvent(calls, event('step.tool_completed', { tool: 'filings', callId: 'b', ok: false, ms: 3, error: 'down' }));
    expect(calls.agent?.find((c) => c.callId === 'b')).toEqual({ callId: 'b', tool: 'filings', state: 'failed', ms: 3, error: 'down' });
  });

  it('leaves the calls untouched (the same object) for any other event', () => {
    const calls: LiveToolCalls = { agent: [] };
    expect(applyToolEvent(calls, event('step.completed', {}))).toBe(calls);
    expect(applyToolEvent(calls, event('step.tool_called', { tool: 'x', callId: 'c' }, null))).toBe(calls);
  });
});
