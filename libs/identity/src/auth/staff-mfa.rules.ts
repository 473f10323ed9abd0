/**
 * REQUIRE_STAFF_MFA: trainers and admins hold the keys to courses, answer keys and other
 * people's certificates, so with the setting on their sessions reach only their own profile
 * and the MFA set-up until a second factor is on.
 */
export function needsStaffMfa(required: boolean, user: { role: string; mfaEnabled: boolean }): boolean {
  return required && (user.role === 'trainer' || user.role === 'admin') && !user.mfaEnabled;
}
