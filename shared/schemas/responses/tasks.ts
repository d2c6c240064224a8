import * as z from 'zod';
import { TASK_KINDS, type Task } from '../../tasks';
import { at, count } from './common';

const taskSchema = z
  .object({
    kind: z.enum(TASK_KINDS),
    subject: z.enum(['needs-round', 'pb-vote', 'recommendation']).nullable(),
    title: z.string(),
    dueAt: at.nullable(),
    count,
    link: z.string().startsWith('/'),
    callId: z.string().nullable(),
    studyId: z.string().nullable(),
    roundId: z.string().nullable(),
    proposalId: z.string().nullable(),
  })
  .meta({ id: 'Task' }) satisfies z.ZodType<Task>;

/** The caller's tasks, most urgent first. */
export const myTasksSchema = z.object({ items: z.array(taskSchema) }).meta({ id: 'MyTasks' });
