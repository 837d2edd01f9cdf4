import { memo } from 'react';
import { duration } from '../../ui/format';
import type { LiveToolCall } from './run-events';

/** An entry of an `ai.agent` step's transcript (its output), as the step records it. */
type Entry =
  | {
      kind: 'model';
      turn: number;
      text: string;
      toolCalls: Array<{ id: string; name: string; args: unknown }>;
      inputTokens: number;
      outputTokens: number;
      ms: number;
    }
  | { kind: 'tool'; id: string; name: string; args: unknown; result?: unknown; error?: string; artifact?: string; ms: number };

function transcriptOf(output: unknown): Entry[] | null {
  const transcript = (output as { transcript?: unknown } | null | undefined)?.transcript;
  return Array.isArray(transcript) ? (transcript as Entry[]) : null;
}

/** A value in one line, shortened: arguments and results are read at a glance, in full in the output below. */
function brief(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * An agent's work as a timeline under its step: each model turn (what it said, its tokens and time)
 * and each tool call (arguments, result or error, time). While the step runs, the calls the live
 * stream has reported so far.
 */
export const AgentTimeline = memo(function AgentTimeline({ output, live }: { output: unknown; live?: readonly LiveToolCall[] }) {
  const transcript = transcriptOf(output);
  if (!transcript) {
    if (!live?.length) return null;
    return (
      <>
        <h3>Tool calls so far</h3>
        <ol className="agent-timeline" data-testid="agent-live-calls">
          {live.map((call) => (
            <li key={call.callId} className={`agent-tool ${call.state}`}>
              <code>{call.tool}</code>{' '}
              {call.state === 'running' ? 'running…' : call.state === 'ok' ? `done in ${duration(call.ms)}` : 'failed'}
              {call.error && <div className="error-note">{call.error}</div>}
            </li>
          ))}
        </ol>
      </>
    );
  }
  return (
    <>
      <h3>Agent timeline</h3>
      <ol className="agent-timeline" data-testid="agent-timeline">
        {transcript.map((entry, i) =>
          entry.kind === 'model' ? (
            <li key={i} className="agent-turn">
              <div className="muted">
                Turn {entry.turn} · {entry.inputTokens + entry.outputTokens} tokens · {duration(entry.ms)}
              </div>
              {entry.text && <p className="agent-text">{entry.text}</p>}
              {entry.toolCalls.length > 0 && (
                <div className="muted">
                  calls{' '}
                  {entry.toolCalls.map((call) => (
                    <code key={call.id}>{call.name} </code>
                  ))}
                </div>
              )}
            </li>
          ) : (
            <li key={i} className={`agent-tool ${entry.error === undefined ? 'ok' : 'failed'}`}>
              <div>
                <code>{entry.name}</code>({brief(entry.args, 200)}) · {duration(entry.ms)}
              </div>
              {entry.error !== undefined ? (
                <div className="error-note">{entry.error}</div>
              ) : (
                <pre className="agent-result">{brief(entry.result)}</pre>
              )}
              {entry.artifact && (
                <a href={entry.artifact} target="_blank" rel="noreferrer">
                  whole result
                </a>
              )}
            </li>
          ),
        )}
      </ol>
    </>
  );
});
