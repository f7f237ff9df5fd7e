/** Accounts types, all taken from the generated OpenAPI schema. */
import type { components } from '@/api/schema';

export type Me = components['schemas']['Profile'];
export type Membership = components['schemas']['Membership'];
export type RegisterInput = components['schemas']['RegisterInputRequest'];
export type ConfirmEmailInput = components['schemas']['ConfirmEmailInputRequest'];
export type LoginInput = components['schemas']['LoginInputRequest'];
export type ProfileUpdate = components['schemas']['PatchedProfileInputRequest'];
export type PasswordResetInput = components['schemas']['PasswordResetInputRequest'];
export type PasswordResetConfirmInput = components['schemas']['PasswordResetConfirmInputRequest'];
export type DetailResponse = components['schemas']['Detail'];
