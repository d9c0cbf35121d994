export type MemberRow = {
  id: string;
  name: string;
  email: string;
  role: { id: string; name: string };
  isYou: boolean;
  status: "active" | "invited";
  invitationExpired: boolean;
};
export type RoleOption = { id: string; name: string; grantable: boolean };
