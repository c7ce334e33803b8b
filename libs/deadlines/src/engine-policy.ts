import { resolvePolicy } from '@duban/escalation';

/**
 * The defaults, plus: a task handed back as not theirs (declined) waits for the coordinator to
 * reassign it, so like a task submitted for closing it is reminded of nothing.
 * Plans do not carry their own policy yet; this is the one the engine uses.
 */
export const ENGINE_POLICY = resolvePolicy({ pausedStatuses: ['submitted', 'declined'] });
