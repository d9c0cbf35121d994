export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: { id: string; name: string };
  isYou: boolean;
  // Their role has more access than the viewer's: the viewer can't change or remove them.
  aboveYou: boolean;
  // unverified: accepted with a new login that hasn't confirmed its email yet.
  status: "active" | "unverified" | "invited";
  invitationExpired: boolean;
  // Their login has a second factor (shown for active members).
  twoFactor: boolean;
};
