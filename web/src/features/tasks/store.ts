/**
 * The signed-in person's tasks, read once and shared by the home page and the count in the navigation: both
 * show the same list. The home page reads it every time it opens; another page only when the last read is
 * older than `FRESH_MS` (bench/tasks: a manager's list reads 5–7 DynamoDB items, and 1,000 submissions on an
 * open call make it 10× slower, too much to pay at every click for a count in the navigation).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiProblem } from '../../lib/api';
import { getMyTasks, type Task } from './api';

interface TasksState {
  items: Task[] | null;
  error: ApiProblem | null;
}

let state: TasksState = { items: null, error: null };
let inFlight: Promise<void> | null = null;
/** When, and for which tenant, the list was last asked for. */
let lastRead: { tenantId: string; at: number } | null = null;
const FRESH_MS = 20_000;
const listeners = new Set<() => void>();

function refresh(tenantId: string): Promise<void> {
  lastRead = { tenantId, at: Date.now() };
  inFlight ??= getMyTasks(tenantId)
    .then(
      (r) => {
        state = { items: r.items, error: null };
      },
      (e: unknown) => {
        state = { items: state.items, error: e as ApiProblem };
      },
    )
    .finally(() => {
      inFlight = null;
      for (const l of listeners) l();
    });
  return inFlight;
}

/** The tasks, read again when the home page opens, or on another page once the last read is stale. */
export function useTasks(tenantId: string, path: string): TasksState {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  useEffect(() => {
    const stale = !lastRead || lastRead.tenantId !== tenantId || Date.now() - lastRead.at > FRESH_MS;
    if (path === '/' || stale) void refresh(tenantId);
  }, [tenantId, path]);
  return state;
}
