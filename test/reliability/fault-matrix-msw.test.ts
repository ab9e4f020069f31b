import { matrix, SEEDED, FAST } from '../helpers/fault-matrix.js';
import { useFakeJ1 } from '../helpers/fake.js';

const msw = useFakeJ1({ tokens: SEEDED });
matrix('msw', () => ({ mock: msw.mock, client: () => msw.client(FAST) }));
