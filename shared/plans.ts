/**
 * Membership plans: how many devices of one account may stream at once. The ONE table of them;
 * the service enforces it (POST API.playback answers 409 too_many_streams past the limit), the
 * account page and Settings show it.
 */

/** A plan's id as the control API takes it. */
export type PlanId = 'basic' | 'standard' | 'premium';

export interface Plan {
  id: PlanId;
  /** What people read (and what the account row stores): "Basic", "Standard", "Premium". */
  label: string;
  /** Devices that may stream at the same time. */
  maxStreams: number;
}

/** Every plan, cheapest first. */
export const PLANS: readonly Plan[] = [
  { id: 'basic', label: 'Basic', maxStreams: 1 },
  { id: 'standard', label: 'Standard', maxStreams: 2 },
  { id: 'premium', label: 'Premium', maxStreams: 4 },
];

/** The plan new accounts get unless told otherwise. */
export const DEFAULT_PLAN: Plan = PLANS[1]!;

/** The plan named by an id or label, any case ("basic", "Basic"); undefined for anything else. */
export function findPlan(name: string): Plan | undefined {
  const key = name.trim().toLowerCase();
  return PLANS.find((p) => p.id === key || p.label.toLowerCase() === key);
}

/** The plan of a stored account row; a row older than this table with an unknown name counts as the default. */
export function planOf(stored: string): Plan {
  return findPlan(stored) ?? DEFAULT_PLAN;
}

/** "2 screens at once". */
export function screensText(plan: Plan): string {
  return `${plan.maxStreams} ${plan.maxStreams === 1 ? 'screen' : 'screens'} at once`;
}
