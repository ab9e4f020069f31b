/**
 * The fake J1's in-memory state: records, seeding, `reset()` and snapshots.
 * @packageDocumentation
 */
import { DEFAULT_ACCOUNT_ID, FAR_FUTURE_EXPIRES_AT } from './defaults.js';
import { newId } from './ids.js';
import type {
  FakeUser,
  IamTokenType,
  RateLimitConfig,
  SeedGroup,
  SeedIntegrationInstance,
  SeedIntegrationToken,
  SeedToken,
  SeedUsage,
} from './types.js';

/** An API key as stored (with its secret, if known). */
export interface TokenRecord {
  seq: number;
  id: string;
  name: string;
  category: string | null;
  policy: string | null;
  type: IamTokenType;
  subject: string;
  revoked: boolean;
  createdAt: number;
  expiresAt: number;
  secret: string | null;
}

/** An integration API key as stored. */
export interface IntegrationTokenRecord {
  seq: number;
  tokenId: string;
  instanceId: string;
  secret: string;
  revoked: boolean;
  createdAt: number;
  expiresAt: number;
}

/** A user group as stored. */
export interface GroupRecord {
  seq: number;
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  queryPolicy: Record<string, unknown>[];
}

/** An integration instance. */
export interface InstanceRecord {
  id: string;
  name: string | null;
  configured: boolean;
  /** `IntegrationInstance.integrationDefinitionId`. */
  definitionId: string;
}

/** Everything `reset()` restores. */
interface Snapshot {
  tokens: TokenRecord[];
  groups: GroupRecord[];
  instances: InstanceRecord[];
  integrationTokens: IntegrationTokenRecord[];
}

function assertUnique(kind: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new TypeError(`createFakeJ1: duplicate ${kind} id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

/** How long before the fake's start seeded keys are created by default: existing keys, not new ones. */
const SEED_AGE_MS = 86_400_000;

function seedToken(t: SeedToken, seq: number, now: number, accountId: string, user: FakeUser): TokenRecord {
  const type = t.type ?? 'ACCOUNT';
  return {
    seq,
    id: t.id ?? newId(),
    name: t.name,
    category: t.category ?? null,
    policy: t.policy ?? null,
    type,
    subject: t.subject ?? (type === 'USER_API' ? user.id : accountId),
    revoked: t.revoked ?? false,
    createdAt: t.createdAt ?? now - SEED_AGE_MS,
    expiresAt: t.expiresAt ?? FAR_FUTURE_EXPIRES_AT,
    secret: t.secret ?? null,
  };
}

function seedGroup(g: SeedGroup, seq: number): GroupRecord {
  return {
    seq,
    id: g.id,
    name: g.name,
    description: g.description ?? null,
    permissions: [...g.permissions],
    queryPolicy: structuredClone(g.queryPolicy.map((p) => ({ ...p }))),
  };
}

function seedInstance(i: SeedIntegrationInstance): InstanceRecord {
  return { id: i.id, name: i.name ?? null, configured: i.configured ?? true, definitionId: i.definitionId ?? 'fake-definition' };
}

function seedIntegrationToken(t: SeedIntegrationToken, seq: number, now: number): IntegrationTokenRecord {
  return {
    seq,
    tokenId: t.tokenId ?? newId(),
    instanceId: t.instanceId,
    // Seeded integration keys cannot authenticate (as those created in the fake).
    secret: '',
    revoked: t.revoked ?? false,
    createdAt: t.createdAt ?? now - SEED_AGE_MS,
    expiresAt: t.expiresAt ?? FAR_FUTURE_EXPIRES_AT,
  };
}

/** What the store is seeded with. */
export interface StoreSeed {
  readonly tokens: readonly SeedToken[];
  readonly groups: readonly SeedGroup[];
  readonly integrationInstances: readonly SeedIntegrationInstance[];
  readonly accountId: string | undefined;
  readonly currentUser: FakeUser;
  readonly now: number;
  readonly users?: readonly FakeUser[] | undefined;
  readonly integrationTokens?: readonly SeedIntegrationToken[] | undefined;
  readonly usage?: readonly SeedUsage[] | undefined;
  readonly refuseUsageFor?: readonly string[] | undefined;
}

/** Mutable state of one fake. */
export class Store {
  /** API keys, in insertion order (seeds first). */
  tokens: TokenRecord[] = [];
  /** User groups, in seed order. */
  groups: GroupRecord[] = [];
  /** Integration instances. */
  instances: InstanceRecord[] = [];
  /** Integration API keys, in creation order. */
  integrationTokens: IntegrationTokenRecord[] = [];
  /** Per-key rate-limit overrides by key id. */
  rateLimits = new Map<string, RateLimitConfig>();
  /** Users whose USER_API keys read back with an owner (the current user first). */
  readonly users: readonly FakeUser[];
  /** Seeded usage by key id (not changed by requests). */
  readonly usage: ReadonlyMap<string, SeedUsage['slices']>;
  /** Key ids whose usage metrics are refused. */
  readonly refuseUsageFor: ReadonlySet<string>;
  private seq = 0;
  private readonly seed: Snapshot;

  /** Resolves the seeds once (generated ids stay stable across `reset()`). */
  constructor(seed: StoreSeed) {
    const account = seed.accountId ?? DEFAULT_ACCOUNT_ID;
    const tokens = seed.tokens.map((t, i) => seedToken(t, i, seed.now, account, seed.currentUser));
    assertUnique(
      'token',
      tokens.map((t) => t.id),
    );
    assertUnique(
      'group',
      seed.groups.map((g) => g.id),
    );
    assertUnique(
      'integration instance',
      seed.integrationInstances.map((i) => i.id),
    );
    this.seed = {
      tokens,
      groups: seed.groups.map((g, i) => seedGroup(g, i)),
      instances: seed.integrationInstances.map(seedInstance),
      integrationTokens: (seed.integrationTokens ?? []).map((t, i) =>
        seedIntegrationToken(t, tokens.length + seed.groups.length + i, seed.now),
      ),
    };
    for (const t of this.seed.integrationTokens) {
      if (!this.seed.instances.some((i) => i.id === t.instanceId)) {
        throw new TypeError(
          `createFakeJ1: integration key ${JSON.stringify(t.tokenId)} names unknown instance ${JSON.stringify(t.instanceId)}`,
        );
      }
    }
    assertUnique(
      'integration key',
      this.seed.integrationTokens.map((t) => t.tokenId),
    );
    this.users = [seed.currentUser, ...(seed.users ?? [])];
    this.usage = new Map((seed.usage ?? []).map((u) => [u.tokenId, u.slices.map((s) => ({ ...s }))]));
    this.refuseUsageFor = new Set(seed.refuseUsageFor ?? []);
    this.reset();
  }

  /** Restores the seeded state. */
  reset(): void {
    const copy = structuredClone(this.seed);
    this.tokens = copy.tokens;
    this.groups = copy.groups;
    this.instances = copy.instances;
    this.integrationTokens = copy.integrationTokens;
    this.rateLimits.clear();
    this.seq = copy.tokens.length + copy.groups.length + copy.integrationTokens.length;
  }

  /** Next insertion sequence number (a tie-breaker for ordering). */
  nextSeq(): number {
    return this.seq++;
  }

  /** The API key with this id. */
  token(id: string): TokenRecord | undefined {
    return this.tokens.find((t) => t.id === id);
  }

  /** The API key whose secret this is. */
  tokenBySecret(secret: string): TokenRecord | undefined {
    return this.tokens.find((t) => t.secret !== null && t.secret === secret);
  }
}
