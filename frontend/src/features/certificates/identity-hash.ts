/** The Open Badges 3.0 e-mail check, done in the browser: the address never leaves the page. */

interface HashedIdentity {
  identityHash: string;
  salt: string;
}

/** The hashed e-mail identities in a credential's `credentialSubject.identifier`. */
export function emailIdentities(credential: Record<string, unknown>): HashedIdentity[] {
  const subject = credential.credentialSubject;
  if (typeof subject !== 'object' || subject === null) return [];
  const identifiers = (subject as { identifier?: unknown }).identifier;
  if (!Array.isArray(identifiers)) return [];
  return identifiers.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { identityType, identityHash, salt, hashed } = item as Record<string, unknown>;
    if (identityType !== 'emailAddress' || hashed !== true) return [];
    if (typeof identityHash !== 'string' || typeof salt !== 'string') return [];
    return [{ identityHash, salt }];
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `sha256$` + hex SHA-256 of the address (trimmed, lower case, as issued) and the salt. */
export async function identityHash(email: string, salt: string): Promise<string> {
  return `sha256$${await sha256Hex(email.trim().toLowerCase() + salt)}`;
}

/** Whether `email` is the address the credential was issued to. */
export async function isIssuedTo(
  credential: Record<string, unknown>,
  email: string,
): Promise<boolean> {
  for (const identity of emailIdentities(credential))
    if ((await identityHash(email, identity.salt)) === identity.identityHash.toLowerCase())
      return true;
  return false;
}
