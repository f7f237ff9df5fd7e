/** The sso feature's types, from the generated API schema. */
import type { components } from '@/api/schema';

export type IdentityProvider = components['schemas']['IdentityProvider'];
export type ProviderInput = components['schemas']['ProviderInputRequest'];
export type ProviderChange = components['schemas']['PatchedProviderInputRequest'];
export type DiscoveryTest = components['schemas']['DiscoveryTest'];
export type SignInProvider = components['schemas']['SignInProvider'];
export type MembershipRole = components['schemas']['RoleEnum'];
