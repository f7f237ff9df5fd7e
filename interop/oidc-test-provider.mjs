// A small OpenID provider for tests, built on panva's certified `oidc-provider`.
//
//   node interop/oidc-test-provider.mjs --port 9000 [--issuer http://127.0.0.1:9000] \
//       --client-id icim --client-secret s3cret --redirect-uri http://127.0.0.1:8000/sso/x/oidc/callback/ \
//       [--accounts '[{"sub":"alice","email":"alice@example.org","name":"Alice","icim_roles":["learner"]}]']
//
// Every option may also come from the environment (OIDC_TEST_PORT, OIDC_TEST_ISSUER,
// OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URIS (space-separated),
// OIDC_TEST_ACCOUNTS). A fresh RSA signing key is generated at every start. Sign-in uses the
// library's development interaction pages (any listed `sub` as login, any password); consent is
// granted without asking, so a browser sees one form.
//
// Misbehaviour for tests, switched at run time (never in a real provider):
//   POST /__test__/tamper  {"mode": "none" | "unknown-kid" | "wrong-audience" | "wrong-issuer"
//                           | "bad-signature" | "expired"}
// rewrites the next ID tokens the token endpoint returns. Prints "ready <issuer>" when listening.

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';
import { SignJWT, decodeProtectedHeader, decodeJwt, importJWK } from 'jose';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_TEST_PORT ?? '9000' },
    issuer: { type: 'string', default: process.env.OIDC_TEST_ISSUER ?? '' },
    'client-id': { type: 'string', default: process.env.OIDC_TEST_CLIENT_ID ?? 'icim-academy' },
    'client-secret': { type: 'string', default: process.env.OIDC_TEST_CLIENT_SECRET ?? 'test-secret' },
    'redirect-uri': {
      type: 'string',
      multiple: true,
      default: (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(' ').filter(Boolean),
    },
    accounts: { type: 'string', default: process.env.OIDC_TEST_ACCOUNTS ?? '' },
  },
});

const port = Number(options.port);
const issuer = options.issuer || `http://127.0.0.1:${port}`;
const defaultAccounts = [
  { sub: 'ada-0001', email: 'ada@factory.example', name: 'Ada Lovelace', icim_roles: ['reviewer', 'admin'] },
  { sub: 'grace-0002', email: 'grace@factory.example', name: 'Grace Hopper', icim_roles: ['author'] },
];
const accounts = new Map(
  (options.accounts ? JSON.parse(options.accounts) : defaultAccounts).map((account) => [account.sub, account]),
);

function signingKey(kid) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

const key = signingKey(`test-${randomUUID()}`);
// Signs tokens in "unknown-kid" mode: its kid is not in the published JWKS.
const strangerKey = signingKey(`stranger-${randomUUID()}`);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options['client-id'],
      client_secret: options['client-secret'],
      redirect_uris: options['redirect-uri'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [key] },
  cookies: { keys: [randomUUID()] },
  scopes: ['openid', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'icim_roles'] },
  // The claims go into the ID token too, as many real providers do.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { ...account, email_verified: true };
      },
    };
  },
  // Consent without asking: a test browser sees the login form only.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

let tamperMode = 'none';
const tamperModes = new Set(['none', 'unknown-kid', 'wrong-audience', 'wrong-issuer', 'bad-signature', 'expired']);

async function resign(idToken, signWith, changes) {
  const claims = { ...decodeJwt(idToken), ...changes };
  const { alg } = decodeProtectedHeader(idToken);
  return new SignJWT(claims)
    .setProtectedHeader({ alg, kid: signWith.kid, typ: 'JWT' })
    .sign(await importJWK(signWith, alg));
}

async function tamper(idToken) {
  const now = Math.floor(Date.now() / 1000);
  switch (tamperMode) {
    case 'unknown-kid':
      return resign(idToken, strangerKey, {});
    case 'wrong-audience':
      return resign(idToken, key, { aud: 'someone-else' });
    case 'wrong-issuer':
      return resign(idToken, key, { iss: 'https://impostor.example' });
    case 'expired':
      return resign(idToken, key, { iat: now - 7200, exp: now - 3600 });
    case 'bad-signature': {
      const [header, payload, signature] = idToken.split('.');
      const claims = { ...decodeJwt(idToken), sub: 'grace-0002' };
      const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return [header, forged === payload ? payload : forged, signature].join('.');
    }
    default:
      return idToken;
  }
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test__/tamper' && ctx.method === 'POST') {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const { mode } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    if (!tamperModes.has(mode)) {
      ctx.status = 400;
      ctx.body = { error: `unknown mode ${mode}` };
      return;
    }
    tamperMode = mode;
    ctx.body = { mode };
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && tamperMode !== 'none') {
    ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
  }
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
