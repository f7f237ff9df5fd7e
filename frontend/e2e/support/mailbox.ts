// The e-mail the backend sent, read as a person reads their inbox: scripts/e2e-server.sh makes
// Django write every message to a file in E2E_MAIL_DIR (its file backend), and a journey opens
// the link from the message, as a real user would. No test-only endpoint is involved.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect } from '@playwright/test';

// The same default as scripts/e2e-server.sh (a path relative to the repository).
const MAIL_DIR = path.resolve(
  fileURLToPath(new URL('../../../', import.meta.url)),
  process.env.E2E_MAIL_DIR ?? 'var/e2e-mail',
);

/** The newest message to `recipient` whose body holds a link to `linkPath`, once it has arrived. */
async function newestLink(recipient: string, linkPath: string): Promise<string | null> {
  let names: string[];
  try {
    names = (await readdir(MAIL_DIR)).sort();
  } catch {
    return null;
  }
  const pattern = new RegExp(`^https?://[^/\\s]+(${linkPath}[^\\s]*)$`, 'm');
  for (const name of names.reverse()) {
    // One file per connection; messages in it are separated by a line of dashes.
    const messages = (await readFile(path.join(MAIL_DIR, name), 'utf8')).split(/^-{70,}$/m);
    for (const message of messages.reverse()) {
      if (!new RegExp(`^To: ${recipient.replace(/[.+]/g, '\\$&')}$`, 'mi').test(message)) continue;
      const link = pattern.exec(message)?.[1];
      if (link) return link;
    }
  }
  return null;
}

/** The path and query of the link in the newest message to `recipient` that links to `linkPath`
 * (e.g. `/confirm-email`), waiting for it to arrive (e-mail is sent after the request commits). */
export async function linkFromEmail(recipient: string, linkPath: string): Promise<string> {
  await expect
    .poll(() => newestLink(recipient, linkPath), {
      message: `an e-mail to ${recipient} with a ${linkPath} link in ${MAIL_DIR}`,
      timeout: 15_000,
    })
    .not.toBeNull();
  const link = await newestLink(recipient, linkPath);
  if (link === null) throw new Error(`no ${linkPath} link for ${recipient}`);
  return link;
}
