import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract';
import { useApi } from '../../../transport/TransportProvider';

export type TaskProgress = EventPayload<'tasks.progress'>;
export type BatchProgress = EventPayload<'batch.progress'>;

/** The latest `tasks.progress` of this task id (null before the first). */
export function useTaskProgress(taskId: string | null): TaskProgress | null {
  const api = useApi();
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  useEffect(() => {
    if (!taskId) return undefined;
    return api.subscribe('tasks.progress', (p) => {
      if (p.taskId === taskId) setProgress(p);
    });
  }, [api, taskId]);
  // A new task id starts from nothing: an earlier task's last event is not shown for it.
  return progress?.taskId === taskId ? progress : null;
}

/** The latest `batch.progress` of this batch id (null before the first). */
export function useBatchProgress(batchId: string | null): BatchProgress | null {
  const api = useApi();
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  useEffect(() => {
    if (!batchId) return undefined;
    return api.subscribe('batch.progress', (p) => {
      if (p.batchId === batchId) setProgress(p);
    });
  }, [api, batchId]);
  return progress?.batchId === batchId ? progress : null;
}

export const newId = (prefix: string): string => `${prefix}_${crypto.randomUUID()}`;

export const formatUsd = (n: number): string =>
  n === 0 ? '$0' : n < 0.01 ? `$${n.toFixed(6)}` : `$${n.toFixed(4)}`;
