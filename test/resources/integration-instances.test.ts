import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../src/index.js';
import { collect } from '../../src/resources/paginate.js';
import { useFakeJ1 } from '../helpers/fake.js';

const instances = Array.from({ length: 7 }, (_, i) => ({ id: `inst-${i}`, name: i < 2 ? 'GitHub' : `Okta ${i}` }));
const { mock, client } = useFakeJ1({ integrationInstances: [...instances, { id: 'inst-aws', name: 'AWS', definitionId: 'def-aws' }] });

describe('integration instances', () => {
  it('lists every instance across pages, with J1 field names', async () => {
    const all = await collect(client().integrationInstances.list({ pageSize: 3 }));
    expect(all.map((i) => i.id)).toEqual([...instances.map((i) => i.id), 'inst-aws']);
    expect(all.at(-1)).toEqual({ id: 'inst-aws', name: 'AWS', integrationDefinitionId: 'def-aws', description: null });
    expect(mock.requests.filter((r) => r.operationName === 'ListIntegrationInstances')).toHaveLength(3);
  });

  it('filters by exact name through J1’s filter', async () => {
    const named = await collect(client().integrationInstances.list({ name: 'GitHub' }));
    expect(named.map((i) => i.id)).toEqual(['inst-0', 'inst-1']);
    expect(mock.requests[0]).toMatchObject({ variables: { filter: { name: 'GitHub' } } });
  });

  it('finds by id or unique name; several matches list their ids; none is NOT_FOUND', async () => {
    expect((await client().integrationInstances.find('inst-aws')).name).toBe('AWS');
    expect((await client().integrationInstances.find('Okta 3')).id).toBe('inst-3');
    const several = await client()
      .integrationInstances.find('GitHub')
      .catch((e: unknown) => e);
    expect(several).toBeInstanceOf(InvalidArgumentError);
    expect((several as Error).message).toMatch(/2 integration instances are named "GitHub" \(inst-0, inst-1\)\. Fix: pass the instance id/);
    await expect(client().integrationInstances.find('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().integrationInstances.find('')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
