// A certified OpenID provider for the tests: the npm package oidc-provider, configured from a JSON
// file given as the only argument (written by tests/idp.py). It serves:
//   - a confidential staff client: authorization code flow, PKCE required, client_secret_basic,
//     RP-initiated logout with a post-logout redirect URI;
//   - a SYSTEM client (SMART Backend Services): client_credentials, private_key_jwt, access tokens
//     as JWTs for one resource (the Relais FHIR base URL) with system/* scopes;
//   - the dev login form (any password); the login field takes a person's sub or email, and the
//     person's `acr` from the people file (read again at each login) becomes the session's acr.
// Test controls (only on this test server): POST /__test/next-id-token {claims, remove, key}
// rewrites the ID token of the next token response (claims changed or removed, signed again with
// the provider's key or with the "forger" key), as a misbehaving provider would.

import { readFileSync } from 'node:fs';
import * as http from 'node:http';

import * as jose from 'jose';
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { issuer, port } = config;

const people = () => JSON.parse(readFileSync(config.people_file, 'utf8'));
const personBy = (id) => people().find((p) => p.sub === id || p.email === id);

const claimNames = ['email', 'email_verified', 'name', 'given_name', 'family_name', 'rpps', 'groups'];

const staffScope = 'openid email profile rpps groups';

let tamper = null; // the next ID token's rewrite, set by /__test/next-id-token

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.staff.client_id,
      client_secret: config.staff.client_secret,
      client_name: 'Relais (tests)',
      redirect_uris: config.staff.redirect_uris,
      post_logout_redirect_uris: config.staff.post_logout_redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    {
      client_id: config.system.client_id,
      client_name: 'Discharge system (tests)',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: config.system.jwks.keys[0].alg,
      jwks: config.system.jwks,
    },
  ],
  jwks: { keys: config.signing_keys },
  cookies: { keys: ['relais-test-idp-cookie-key-0123456789'] },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'rpps', 'groups'],
  claims: {
    openid: ['sub', 'acr', 'amr'], // acr always in the ID token, as Pro Santé Connect does
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    rpps: ['rpps'],
    groups: ['groups'],
  },
  acrValues: config.acr_values,
  // Claims in the ID token too (as many hospital providers do); the userinfo endpoint has them.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  ttl: { IdToken: 300, AccessToken: 300, ClientCredentials: 300, Session: 3600 },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx, client) =>
        client.clientId === config.system.client_id ? config.fhir_base : undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => {
        if (resource !== config.fhir_base || client.clientId !== config.system.client_id) {
          throw new errors.InvalidTarget();
        }
        return {
          scope: config.system.scope,
          audience: config.fhir_base,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  async findAccount(ctx, sub) {
    const person = personBy(sub);
    if (!person) return undefined;
    return {
      accountId: person.sub,
      async claims() {
        const out = { sub: person.sub };
        for (const name of claimNames) if (name in person) out[name] = person[name];
        return out;
      },
    };
  },
  // The staff client is first-party: no consent screen, every staff scope granted.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) {
      const found = await ctx.oidc.provider.Grant.find(grantId);
      if (found) return found;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(staffScope);
    grant.addOIDCClaims(['acr', ...claimNames]);
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Error</title></head><body><main><h1>Error</h1><pre>${
      String(out.error).replace(/[<>&]/g, '')}: ${String(out.error_description || '').replace(/[<>&]/g, '')}</pre></main></body></html>`;
  },
});
provider.proxy = false;

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

const signingKey = async (which, alg = 'RS256') => jose.importJWK(
  which === 'forger' ? config.forger_key : config.signing_keys[0], alg,
);

// The login form's submit: accountId is the person's sub (typed as sub or email), acr theirs.
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && /^\/interaction\/[^/]+$/.test(ctx.path)) {
    const form = new URLSearchParams(await readBody(ctx.req));
    if (form.get('prompt') === 'login') {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.prompt.name !== 'login') ctx.throw(400, 'not a login prompt');
      const person = personBy(form.get('login') || '');
      const result = person
        ? { login: { accountId: person.sub, ...(person.acr ? { acr: person.acr } : {}), amr: person.amr || ['pwd'] } }
        : { error: 'access_denied', error_description: 'unknown login' };
      await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      return;
    }
    ctx.throw(501, 'not implemented');
  }
  if (ctx.path === '/__test/next-id-token' && ctx.method === 'POST') {
    tamper = JSON.parse(await readBody(ctx.req));
    ctx.status = 204;
    return;
  }
  if (ctx.path === '/__test/health') {
    ctx.body = { ok: true };
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && tamper && ctx.body && ctx.body.id_token) {
    const change = tamper;
    tamper = null;
    const payload = jose.decodeJwt(ctx.body.id_token);
    const header = jose.decodeProtectedHeader(ctx.body.id_token);
    const now = Math.floor(Date.now() / 1000);
    for (const [name, value] of Object.entries(change.claims || {})) {
      // numbers given as {"now": seconds} are relative to now (exp, iat)
      payload[name] = value && typeof value === 'object' && 'now' in value ? now + value.now : value;
    }
    for (const name of change.remove || []) delete payload[name];
    ctx.body = {
      ...ctx.body,
      id_token: await new jose.SignJWT(payload)
        .setProtectedHeader({ alg: header.alg, kid: change.kid || header.kid, typ: header.typ })
        .sign(await signingKey(change.key || 'provider', header.alg)),
    };
  }
});

const server = http.createServer(provider.callback());
server.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.on('grant.error', (ctx, err) => console.error('grant.error', err.message, err.error_description || ''));
