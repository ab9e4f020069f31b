/** Documents shared by the policy tests: the guide's own examples and a corpus of valid/invalid policies. */

/** First policy of api-keys-guide.md ("API Key Permissions Policy"), verbatim. */
export const GUIDE_ADMIN_JSON = `{
  "permissions": [
    {
      "effect": "ALLOW",
      "actions": [
        "*"
       ],
      "resources": [
         "*"
      ]
    }
  ]
}`;

/** Second policy of api-keys-guide.md (the `queryFilters` condition), verbatim. */
export const GUIDE_FILTER_JSON = `{
  "permissions": [
    {
      "effect": "ALLOW",
      "actions": ["*"],
      "resources": ["*"],
      "condition": {
        "queryFilters": [{
          "_type": ["github_repo"]
        }]
      }
    }
  ]
}`;

/** The `policy` string sent in the guide's createToken example (with `\n` and `\t`). */
export const GUIDE_POLICY_STRING =
  '{\n\t"permissions": [{\n\t\t"effect":"ALLOW",\n\t\t"actions":["*" ],\n\t\t"resources": [ "*" ]\n\t}]\n}';

const allowAll = { effect: 'ALLOW', actions: ['*'], resources: ['*'] };

/** Valid documents (non-strict), as JSON values. */
export const VALID_DOCUMENTS: readonly unknown[] = [
  JSON.parse(GUIDE_ADMIN_JSON),
  JSON.parse(GUIDE_FILTER_JSON),
  { permissions: [{ effect: 'DENY', actions: ['query:ReadGraphData', 'dashboard:View'], resources: ['*'] }] },
  { permissions: [allowAll, { effect: 'DENY', actions: ['persister:Synchronize'], resources: ['arn:x', 'y z'] }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: 'github_repo' }] } }] },
  {
    permissions: [
      {
        ...allowAll,
        condition: {
          queryFilters: [
            { _type: ['a', 'b'], _class: 'C' },
            { n: 1, ok: true },
          ],
        },
      },
    ],
  },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ 'tag.Owner': [1, false, 'x', -2.5, ''] }] } }] },
  { permissions: [{ effect: 'ALLOW', actions: ['custom:Anything'], resources: ['*'] }] },
];

/** Invalid documents: each breaks at least one rule. */
export const INVALID_DOCUMENTS: readonly unknown[] = [
  null,
  'policy',
  42,
  [],
  [allowAll],
  {},
  { permissions: [] },
  { permissions: allowAll },
  { permission: [allowAll] },
  { permissions: [allowAll], extra: true },
  { permissions: [{ ...allowAll, effect: 'allow' }] },
  { permissions: [{ ...allowAll, effect: 'PERMIT' }] },
  { permissions: [{ actions: ['*'], resources: ['*'] }] },
  { permissions: [{ ...allowAll, actions: [] }] },
  { permissions: [{ ...allowAll, actions: '*' }] },
  { permissions: [{ ...allowAll, actions: [''] }] },
  { permissions: [{ ...allowAll, actions: [1] }] },
  { permissions: [{ ...allowAll, resources: [] }] },
  { permissions: [{ ...allowAll, resources: [null] }] },
  { permissions: [{ ...allowAll, Effect: 'ALLOW' }] },
  { permissions: [{ ...allowAll, condition: {} }] },
  { permissions: [{ ...allowAll, condition: null }] },
  { permissions: [{ ...allowAll, condition: [] }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: {} } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{}] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [[]] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: [] }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: null }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: { nested: 1 } }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: [['a']] }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: [null] }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ '': 'x' }] } }] },
  { permissions: [{ ...allowAll, condition: { queryFilters: [{ _type: 'x' }], queryFilter: [] } }] },
  JSON.parse(
    '{"permissions":[{"effect":"ALLOW","actions":["*"],"resources":["*"],"condition":{"queryFilters":[{"__proto__":["x"],"_type":"y"}]}}]}',
  ),
];
