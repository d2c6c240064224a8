/**
 * The API client: adds the bearer token and the language, and turns problem
 * responses into `ApiProblem`s whose messages are shown as the API wrote them.
 */
import type { FieldProblem, Localized, ProblemBody } from '../../../shared/errors';
import { getLang } from './i18n';
import { getToken, sessionExpired } from './session';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: Localized,
    readonly detail: Localized | undefined,
    readonly errors: FieldProblem[],
    readonly body: Partial<ProblemBody>,
  ) {
    super(title.fr);
  }
}

export const NETWORK: Localized = {
  fr: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
  en: 'The server does not answer. Check your connection and try again.',
};

/** The `ApiProblem` of a refused request (a 401 sends the person to sign in again). */
export function toProblem(status: number, data: unknown): ApiProblem {
  const p = (data ?? {}) as Partial<ProblemBody>;
  if (status === 401) sessionExpired();
  return new ApiProblem(
    status,
    p.type ?? '/problems/unknown',
    p.messages?.title ?? { fr: `Erreur ${status}`, en: `Error ${status}` },
    p.messages?.detail,
    p.errors ?? [],
    p,
  );
}

/**
 * Fetches a file the API serves (CSV, JSON, PrefLib) with the session's token and saves it in the browser;
 * the address comes from the typed client (`client….$url({ param })`).
 */
export async function download(address: URL | string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(address, { headers: { Authorization: `Bearer ${getToken() ?? ''}`, 'Accept-Language': getLang() } });
  } catch {
    throw new ApiProblem(0, '/problems/network', NETWORK, undefined, [], {});
  }
  if (!res.ok) {
    const p = (await res.json().catch(() => ({}))) as Partial<ProblemBody>;
    throw new ApiProblem(
      res.status,
      p.type ?? '/problems/unknown',
      p.messages?.title ?? { fr: `Erreur ${res.status}`, en: `Error ${res.status}` },
      p.messages?.detail,
      p.errors ?? [],
      p,
    );
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
