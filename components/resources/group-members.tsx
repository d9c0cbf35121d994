"use client";

import { UserMinus } from "lucide-react";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { addGroupMemberAction } from "@/lib/actions/add-group-member";
import type { FieldErrors } from "@/lib/actions/result";
import { removeGroupMemberAction } from "@/lib/actions/remove-group-member";

export type GroupMember = { userId: string; username: string; priority: number };
export type UserChoice = { id: string; username: string };

// A group's members, on its edit dialog: add a user with a priority (1–10, or change the
// priority of one already in), or remove one. Each is saved at once.
export function GroupMembers({
  groupId,
  members: initial,
  users,
}: {
  groupId: string;
  members: GroupMember[];
  users: UserChoice[];
}) {
  const id = useId();
  const [members, setMembers] = useState(initial);
  const [userId, setUserId] = useState("");
  const [priority, setPriority] = useState("5");
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();

  function add() {
    if (!userId) {
      setErrors({ userId: ["Choose a user."] });
      return;
    }
    startTransition(async () => {
      const result = await addGroupMemberAction({ groupId, userId, priority: Number(priority) || Number.NaN });
      if (result.ok) {
        setMembers(result.members);
        setErrors(undefined);
        setUserId("");
        toast.success(`${users.find((user) => user.id === userId)?.username ?? "User"} is in the group.`);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  function remove(member: GroupMember) {
    startTransition(async () => {
      const result = await removeGroupMemberAction({ groupId, userId: member.userId });
      if (result.ok) {
        setMembers((current) => current.filter((m) => m.userId !== member.userId));
        toast.success(`${member.username} left the group.`);
      } else {
        toast.error(result.error);
      }
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-6 space-y-3 border-t border-border pt-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-foreground">
        Members
      </h3>
      {members.length ? (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label="Members">
          {members.map((member) => (
            <li key={member.userId} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm">
              <span className="min-w-0 truncate">
                {member.username} <span className="text-muted-foreground">· priority {member.priority}</span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${member.username} from the group`}
                disabled={pending}
                onClick={() => remove(member)}
              >
                <UserMinus className="h-4 w-4" aria-hidden />
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No members yet.</p>
      )}
      <div className="grid grid-cols-[1fr_6rem] items-start gap-2">
        <Field id={`${id}-user`} label="User" error={errors?.userId?.[0]}>
          <Select
            id={`${id}-user`}
            value={userId}
            onValueChange={setUserId}
            placeholder={users.length ? "Choose a user" : "No users yet"}
            options={users.map((user) => ({ value: user.id, label: user.username }))}
            invalid={Boolean(errors?.userId)}
          />
        </Field>
        <Field id={`${id}-priority`} label="Priority" error={errors?.priority?.[0]}>
          <Input
            id={`${id}-priority`}
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            value={priority}
            aria-invalid={errors?.priority ? true : undefined}
            onChange={(event) => setPriority(event.target.value)}
            // Enter adds the member here, rather than saving the group's form around it.
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        </Field>
      </div>
      <Button variant="secondary" size="sm" disabled={pending} onClick={add}>
        Add to group
      </Button>
    </section>
  );
}
