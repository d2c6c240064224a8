/**
 * The signed-in person's tasks, read once and shared by the home page and the count in the navigation: both
 * show the same list, and moving to another page reads it again (a ballot cast, a sheet submitted, leave it).
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
const listeners = new Set<() => void>();

function refresh(tenantId: string): Promise<void> {
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

/** The tasks, read again whenever `path` changes. */
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
    void refresh(tenantId);
  }, [tenantId, path]);
  return state;
}
