/**
 * A verified token is remembered until it expires: the same token again is
 * not verified again, an expired one is refused as before, a refused one is
 * never remembered, and at most `maxTokens` are kept.
 */
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../functions/lib/auth';
import { createDevIssuer } from '../../functions/local/dev-issuer';

const issuer = await createDevIssuer('http://issuer.test');

function counting() {
  const local = createLocalJWKSet(issuer.jwks);
  let lookups = 0;
  const keys: JWTVerifyGetKey = (header, token) => {
    lookups++;
    return local(header, token);
  };
  return { keys, lookups: () => lookups };
}

describe('the verified-token cache', () => {
  it('verifies a token once, then answers it from memory until it expires', async () => {
    const { keys, lookups } = counting();
    let clock = Date.now();
    const verify = createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys, now: () => clock });
    const token = await issuer.sign({ sub: 'u1', name: 'U', email: 'u@test' }, 60);
    expect(await verify(token)).toEqual({ sub: 'u1', name: 'U', email: 'u@test' });
    expect(await verify(token)).toEqual({ sub: 'u1', name: 'U', email: 'u@test' });
    expect(lookups()).toBe(1);
    clock += 70_000;
    await expect(verify(token)).rejects.toThrow();
  });

  it('never remembers a refused token', async () => {
    const { keys, lookups } = counting();
    const verify = createJwtVerifier({ issuer: issuer.issuer, audience: 'another-audience', keys });
    const token = await issuer.sign({ sub: 'u1', name: 'U', email: 'u@test' });
    await expect(verify(token)).rejects.toThrow();
    await expect(verify(token)).rejects.toThrow();
    expect(lookups()).toBe(2);
  });

  it('keeps at most maxTokens, the oldest going first', async () => {
    const { keys, lookups } = counting();
    const verify = createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys, maxTokens: 2 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => issuer.sign({ sub, name: sub, email: `${sub}@test` })));
    for (const t of [a!, b!, c!]) await verify(t);
    expect(lookups()).toBe(3);
    await verify(c!);
    await verify(b!);
    expect(lookups()).toBe(3);
    await verify(a!);
    expect(lookups()).toBe(4);
  });
});
