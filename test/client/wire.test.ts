import { readdirSync, readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, policy, VERSION } from '../../src/index.js';
import { ACCOUNT, API_KEY, tokenFields, useMsw } from '../helpers/msw.js';

const { captured, answer, answerData } = useMsw();

// The product guide's request, verbatim.
const GUIDE_CREATE = `mutation CreateToken($token: TokenInput!) {
  createToken(token: $token) {
    secret
    id
    name
    category
    policy
    revoked
    createdAt
    expiresAt
    __typename
  }
}`;
const GUIDE_CREATE_VARIABLES =
  '{"token":{"name":"Token Name","category":"tags","policy":"{\\n\\t\\"permissions\\": [{\\n\\t\\t\\"effect\\":\\"ALLOW\\",\\n\\t\\t\\"actions\\":[\\"*\\" ],\\n\\t\\t\\"resources\\": [ \\"*\\" ]\\n\\t}]\\n}"}}';
const GUIDE_REVOKE = `mutation RevokeToken($id: String!) {
  revokeToken(id: $id) {
    id
    name
    category
    policy
    revoked
    createdAt
    expiresAt
    __typename
  }
}`;

const client = () => createClient({ apiKey: API_KEY, accountId: ACCOUNT, env: {}, retry: false });

describe('wire format', () => {
  it('sends CreateToken exactly as the guide documents it, variables byte for byte', async () => {
    answerData({ createToken: { ...tokenFields(), secret: 'j1_secret_value_xyz' } });
    const guideVariables = JSON.parse(GUIDE_CREATE_VARIABLES) as { token: { name: string; category: string; policy: string } };
    const created = await client().tokens.create(guideVariables.token);
    expect(captured).toHaveLength(1);
    const req = captured[0]!;
    expect(print(parse(req.body.query))).toBe(print(parse(GUIDE_CREATE)));
    expect(JSON.stringify(req.body.variables)).toBe(GUIDE_CREATE_VARIABLES);
    expect(req.body.operationName).toBe('CreateToken');
    expect(created.secret).toBe('j1_secret_value_xyz');
    expect(created.id).toBe('tok-1');
  });

  it('sends RevokeToken exactly as the guide documents it', async () => {
    answerData({ revokeToken: tokenFields({ revoked: true }) });
    const token = await client().tokens.revoke('tok-1');
    const req = captured[0]!;
    expect(print(parse(req.body.query))).toBe(print(parse(GUIDE_REVOKE)));
    expect(JSON.stringify(req.body.variables)).toBe('{"id":"tok-1"}');
    expect(token.revoked).toBe(true);
    expect(token).not.toHaveProperty('secret');
  });

  it('sends POST with one content-type, bearer key, account and user-agent headers', async () => {
    answerData({ revokeToken: tokenFields({ revoked: true }) });
    await createClient({
      apiKey: API_KEY,
      accountId: ACCOUNT,
      env: {},
      userAgent: 'ops-bot/2.0',
      headers: { 'X-Trace': 't1', 'Content-Type': 'text/plain', Authorization: 'Bearer other' },
    }).tokens.revoke('tok-1');
    const req = captured[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(req.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(req.headers.get('jupiterone-account')).toBe(ACCOUNT);
    expect(req.headers.get('user-agent')).toBe(`j1-api-keys/${VERSION} node/${process.versions.node} ops-bot/2.0`);
    expect(req.headers.get('x-trace')).toBe('t1');
  });

  it('sends a builder policy as a compact JSON string', async () => {
    answerData({ createToken: { ...tokenFields(), secret: 's3cr3t-value' } });
    await client().tokens.create({ name: 'ci', policy: policy().allow().queryFilter({ _type: 'github_repo' }) });
    const variables = captured[0]!.body.variables as { token: { policy: string; name: string } };
    expect(variables.token).toEqual({
      name: 'ci',
      policy:
        '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"_type":["github_repo"]}]}}]}',
    });
  });

  it('maps the created token: dates, parsed policy, expiresAt 0 as null', async () => {
    answerData({ createToken: { ...tokenFields({ expiresAt: 0 }), secret: 's3cr3t-value' } });
    const created = await client().tokens.create({ name: 'x', policy: policy().allow() });
    expect(created.createdAt).toEqual(new Date(1_700_000_000_000));
    expect(created.expiresAt).toBeNull();
    expect(created.policy).toEqual({ permissions: [{ effect: 'ALLOW', actions: ['*'], resources: ['*'] }] });
  });

  it('gets one token with GetToken and never selects the secret', async () => {
    answerData({ token: tokenFields() });
    const token = await client().tokens.get('tok-1');
    const req = captured[0]!;
    expect(req.body.operationName).toBe('GetToken');
    expect(req.body.query).not.toMatch(/\bsecret\b/);
    expect(req.body.variables).toEqual({ id: 'tok-1' });
    expect(token.name).toBe('Token Name');
  });

  it('lists tokens across pages following pageInfo.endCursor', async () => {
    answer((req) => {
      const cursor = req.body.variables?.cursor as string | undefined;
      const page = cursor === undefined ? 0 : Number(cursor);
      const items = [tokenFields({ id: `tok-${page}a` }), tokenFields({ id: `tok-${page}b` })];
      return HttpResponse.json({
        data: { tokens: { items, pageInfo: { endCursor: page < 2 ? String(page + 1) : null, hasNextPage: page < 2 } } },
      });
    });
    const ids: string[] = [];
    for await (const t of client().tokens.list({ pageSize: 2 })) ids.push(t.id);
    expect(ids).toEqual(['tok-0a', 'tok-0b', 'tok-1a', 'tok-1b', 'tok-2a', 'tok-2b']);
    expect(captured.map((c) => c.body.variables)).toEqual([
      { search: { type: 'ACCOUNT' }, limit: 2 },
      { search: { type: 'ACCOUNT' }, limit: 2, cursor: '1' },
      { search: { type: 'ACCOUNT' }, limit: 2, cursor: '2' },
    ]);
    expect(captured.every((c) => !/\bsecret\b/.test(c.body.query))).toBe(true);
  });

  it('stops with a ServerError when J1 repeats a cursor instead of looping forever', async () => {
    answer(() => HttpResponse.json({ data: { tokens: { items: [tokenFields()], pageInfo: { endCursor: 'same', hasNextPage: true } } } }));
    await expect(client().tokens.listAll()).rejects.toMatchObject({ name: 'ServerError' });
    expect(captured.length).toBe(2);
  });

  it('exposes every generated operation as a typed function through the same wrapper', async () => {
    answer(() => HttpResponse.json({ errors: [{ message: 'nope', extensions: { code: 'NOT_FOUND' } }] }));
    await expect(client().operations.GetToken({ id: 'missing' })).rejects.toMatchObject({
      name: 'NotFoundError',
      operationName: 'GetToken',
    });
    const names = readdirSync(new URL('../../operations/', import.meta.url))
      .map((f) => readFileSync(new URL(`../../operations/${f}`, import.meta.url), 'utf8'))
      .flatMap((text) => parse(text).definitions)
      .flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
    expect(names.length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(client().operations).sort()).toEqual(names.sort());
  });
});
