/** The shell's one request: who the signed-in person is, on the typed client. */
import { client, unwrap } from './client';

export const getMe = () => unwrap(client.identity.me.$get());

/** The signed-in person and their memberships (with the permissions of each), as the API answers. */
export type Me = Awaited<ReturnType<typeof getMe>>;
