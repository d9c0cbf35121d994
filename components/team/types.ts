export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: { id: string; name: string };
  isYou: boolean;
  // Their role has more access than the viewer's: the viewer can't change or remove them.
  aboveYou: boolean;
  status: "active" | "invited";
  invitationExpired: boolean;
};
