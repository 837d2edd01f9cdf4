import { useCallback, useEffect, useState } from 'react';
import { batchFinished } from '@assay/sdk';
import type { Batch } from '@assay/schema';
import { api } from '../../api';

/** A batch is read this often until every run of it finished. */
const POLL_MS = 1000;
/** The rate is measured over this many recent reads (about ten seconds). */
const SAMPLES = 10;

interface Sample {
  at: number;
  finished: number;
}

export function finishedOf(batch: Pick<Batch, 'counts'>): number {
  return batch.counts.completed + batch.counts.failed + batch.counts.cancelled;
}

/** Runs finished per second between the oldest and newest sample (null until two reads apart). */
export function rateOf(samples: readonly Sample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at <= first.at) return null;
  return ((last.finished - first.finished) * 1000) / (last.at - first.at);
}

/** A batch read every second until it finished, with its recent rate; `follow(batch)` starts over after a change. */
export function useBatchProgress(batchId: string) {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  // Bumped to poll again: retrying the failed runs puts a finished batch back in progress.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const fresh = await api.batches.get(batchId);
        if (stopped) return;
        setBatch(fresh);
        setError(null);
        setSamples((previous) => [...previous, { at: Date.now(), finished: finishedOf(fresh) }].slice(-SAMPLES));
        if (batchFinished(fresh)) return;
      } catch (failure) {
        if (stopped) return;
        setError(failure);
      }
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, generation]);

  const follow = useCallback((changed: Batch) => {
    setBatch(changed);
    setSamples([]);
    setGeneration((n) => n + 1);
  }, []);
  return { batch, error, rate: rateOf(samples), follow };
}
