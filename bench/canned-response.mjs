/** The canned RevokeToken answer served by bench/canned-server.mjs (J1's shape, the guide's token, revoked). */
export const CANNED_BODY = JSON.stringify({
  data: {
    revokeToken: {
      id: 'b7b5a8c1-5c2c-4a7e-9a44-0d1d4c1f9e11',
      name: 'Token Name',
      category: 'tags',
      policy: '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"]}]}',
      revoked: true,
      createdAt: 1_700_000_000_000,
      expiresAt: 1_800_000_000_000,
      __typename: 'IamToken',
    },
  },
});

/** Its headers: J1 sends its rate-limit budget with every answer (here one that never runs out). */
export const CANNED_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'ratelimit-limit': '1000000, 1000000;window=60',
  'ratelimit-remaining': '999999',
  'ratelimit-reset': '1',
};
