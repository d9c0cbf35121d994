// An audit action code ("voucher.batch_create") in words ("Vouchers created in a batch"):
// the table shows the words and keeps the code in a title.
const SUBJECTS: Record<string, string> = {
  api_key: "API key",
  member: "Member",
  invitation: "Invitation",
  role: "Role",
  user: "User",
  group: "Group",
  network: "Network",
  voucher: "Voucher",
  account: "Account",
  session: "Sessions",
  webhook: "Webhook",
};

// Verbs and phrases after the subject; anything else is its words as they are.
const PHRASES: Record<string, string> = {
  create: "created",
  created: "created",
  update: "updated",
  delete: "deleted",
  enable: "enabled",
  disable: "disabled",
  roll: "rolled",
  bind: "bound to its first address",
  leak_reported: "reported leaked",
  batch_create: "batch created",
  member_add: "member added",
  member_remove: "member removed",
  accept: "accepted",
  resend: "sent again",
  reopen: "reopened",
  revoke: "revoked",
  join: "joined",
  sign_in: "signed in",
  sign_in_failed: "sign-in failed",
  sign_out: "signed out",
  password_change: "password changed",
  password_reset: "password reset",
  password_reset_by_email: "password reset by email",
  email_verify: "email verified",
  email_verification_resend: "verification email sent again",
  notice_settings: "notice settings changed",
  two_factor_add: "two-step verification added",
  two_factor_remove: "two-step verification removed",
  recovery_code_use: "recovery code used",
  recovery_codes_replace: "recovery codes replaced",
  two_factor_policy: "two-step verification policy changed",
  key_policy: "key policy changed",
  sso_update: "single sign-on changed",
  sso_remove: "single sign-on removed",
  end_others: "ended on other devices",
  test: "test sent",
  roll_secret: "signing secret rolled",
  disabled_failing: "disabled after failing",
};

export function actionLabel(code: string): string {
  const dot = code.indexOf(".");
  if (dot < 0) return code.replace(/_/g, " ");
  const subject = code.slice(0, dot);
  const verb = code.slice(dot + 1);
  const words = SUBJECTS[subject] ?? subject.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());
  return `${words} ${PHRASES[verb] ?? verb.replace(/[._]/g, " ")}`;
}
