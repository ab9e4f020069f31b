import { buildSchema, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaSDL } from '../../src/generated/schema.js';
import { createFakeJ1 } from '../../src/testing/index.js';
import { rootValue } from '../../src/testing/fake/resolvers/index.js';
import { ACCOUNT_ID, ALLOW_ALL, API_KEY, codes, CREATE_TOKEN, gql, headers, install, post, useMsw } from './helpers.js';

const server = useMsw();

describe('HTTP edges', () => {
  it('refuses non-POST methods with 405 (core; the msw handlers only match POST)', async () => {
    const fake = createFakeJ1({ apiKey: API_KEY, accountId: ACCOUNT_ID });
    const res = await fake.handle({ method: 'GET', url: 'https://x/', headers: headers(), body: '' });
    expect(res).toMatchObject({ kind: 'response', status: 405, headers: { allow: 'POST' } });
  });

  it('leaves other methods unhandled in msw (onUnhandledRequest: error)', async () => {
    install(server);
    await expect(fetch('https://graphql.us.jupiterone.io/', { headers: headers() })).rejects.toThrow();
  });

  it('answers a body that is not JSON with 400 and executes nothing', async () => {
    const mock = install(server);
    const res = await post('{"query": "mutation {', headers());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(res.headers.get('ratelimit-requested')).toBe('0');
    expect(mock.state.tokens).toEqual([]);
  });

  it.each([
    ['an object without query', '{"variables": {}}'],
    ['an empty batch', '[]'],
    ['non-object variables', '{"query": "{ tokens { items { id } } }", "variables": [1]}'],
    ['a JSON string', '"{ tokens { items { id } } }"'],
  ])('answers %s with 400 BAD_REQUEST', async (_name, body) => {
    install(server);
    const res = await post(body, headers());
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['missing', undefined, 415],
    ['text/plain', 'text/plain', 415],
    ['duplicated', 'application/json, application/json', 400],
  ])('refuses a %s content-type (%s)', async (_name, type, status) => {
    const mock = install(server);
    const res = await post(
      JSON.stringify({ query: CREATE_TOKEN, variables: { token: { name: 'x', policy: ALLOW_ALL } } }),
      headers({ 'content-type': type }),
    );
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mock.state.tokens).toEqual([]);
  });

  it('accepts content-type in any case with parameters', async () => {
    install(server);
    const res = await gql('{ tokens { items { id } } }', undefined, {
      headers: headers({ 'content-type': 'Application/JSON; charset=UTF-8' }),
    });
    expect(res.status).toBe(200);
  });

  it('executes a batch in order and answers an array', async () => {
    const mock = install(server);
    const body = JSON.stringify([
      { query: CREATE_TOKEN, variables: { token: { name: 'a', policy: ALLOW_ALL } } },
      { query: '{ tokens { items { name } } }' },
      { query: '{ nope }' },
    ]);
    const res = await post(body, headers());
    expect(res.status).toBe(200);
    const json = (await res.json()) as { data?: { tokens?: unknown }; errors?: unknown[] }[];
    expect(json).toHaveLength(3);
    expect(json[1]?.data?.tokens).toEqual({ items: [{ name: 'a' }] });
    expect(json[2]?.errors).toHaveLength(1);
    expect(res.headers.get('ratelimit-requested')).toBe('3');
    expect(mock.requests.map((r) => r.operationName)).toEqual(['CreateToken', null, null]);
  });
});

describe('GraphQL errors', () => {
  it('answers an unparsable query with GRAPHQL_PARSE_FAILED, HTTP 200, no data', async () => {
    install(server);
    const res = await gql('query { tokens { ');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(codes(res.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(res.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it('answers invalid operations with real validation errors (GRAPHQL_VALIDATION_FAILED, HTTP 200)', async () => {
    const mock = install(server);
    const res = await gql('mutation { createToken(token: { name: "x", policy: 1 }) { id nope } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(codes(res.body)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors?.map((e) => e.message)).toEqual([
      'String cannot represent a non string value: 1',
      'Cannot query field "nope" on type "IamToken". Did you mean "name" or "type"?',
    ]);
    expect(mock.state.tokens).toEqual([]);
  });

  it('rejects a wrongly typed variable with BAD_USER_INPUT and executes nothing', async () => {
    const mock = install(server);
    const res = await gql(CREATE_TOKEN, { token: { name: 'x', policy: ALLOW_ALL, bogus: true } });
    expect(res.body.data).toBeUndefined();
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(mock.state.tokens).toEqual([]);
  });

  it('answers an unknown operationName with OPERATION_RESOLUTION_FAILURE', async () => {
    install(server);
    const res = await gql('query A { tokens { items { id } } } query B { tokens { items { id } } }', undefined, { operationName: 'C' });
    expect(codes(res.body)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('runs the named operation of a multi-operation document', async () => {
    install(server, { tokens: [{ id: 't1', name: 'one' }] });
    const res = await gql('query A { token(id: "t1") { name } } query B { token(id: "t1") { id } }', undefined, { operationName: 'B' });
    expect(res.body).toEqual({ data: { token: { id: 't1' } } });
  });
});

describe('scalars', () => {
  it('Long: accepts an integer or a digit string, serializes a number, rejects a float', async () => {
    install(server);
    const q = 'mutation($i: CreateCurrentUserTokenInput!) { createCurrentUserToken(input: $i) { expiresAt createdAt } }';
    const asString = await gql(q, { i: { name: 'u', expiresAt: '4102444800000' } });
    expect(asString.body.data.createCurrentUserToken.expiresAt).toBe(4102444800000);
    expect(typeof asString.body.data.createCurrentUserToken.createdAt).toBe('number');
    const asFloat = await gql(q, { i: { name: 'u', expiresAt: 4102444800000.5 } });
    expect(codes(asFloat.body)).toEqual(['BAD_USER_INPUT']);
    const literal = await gql('mutation { createCurrentUserToken(input: { name: "u", expiresAt: 1.5 }) { id } }');
    expect(codes(literal.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('JSON: round-trips nested values through variables and literals', async () => {
    install(server, { groups: [{ id: 'g1', name: 'G', permissions: [], queryPolicy: [] }] });
    const policy = [{ _type: ['aws_s3_bucket', 'github_repo'], active: true, n: 3 }];
    await gql('mutation($q: [JSON!]) { updateIamGroup(id: "g1", queryPolicy: $q) { id } }', { q: policy });
    const read = await gql('{ iamGetGroup(group: "g1") { groupQueryPolicy { statement } } }');
    expect(read.body.data.iamGetGroup.groupQueryPolicy.statement).toEqual(policy);
    await gql('mutation { updateIamGroup(id: "g1", queryPolicy: [{ _class: ["Host"], x: { y: null } }]) { id } }');
    const again = await gql('{ iamGetGroup(group: "g1") { groupQueryPolicy { statement } } }');
    expect(again.body.data.iamGetGroup.groupQueryPolicy.statement).toEqual([{ _class: ['Host'], x: { y: null } }]);
  });
});

describe('schema coverage', () => {
  it('has a resolver for every Query and Mutation field of schema.graphql', () => {
    const schema = buildSchema(schemaSDL);
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      t instanceof GraphQLObjectType ? Object.keys(t.getFields()) : [],
    );
    expect(fields.length).toBeGreaterThan(10);
    expect(Object.keys(rootValue).sort()).toEqual([...fields].sort());
  });
});
