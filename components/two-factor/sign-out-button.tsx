import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/sign-out";

// The one other way out of the two-factor setup page.
export function SignOutButton() {
  return (
    <form action={signOutAction} className="border-t border-border pt-4">
      <Button type="submit" variant="ghost" className="w-full justify-center">
        Sign out
      </Button>
    </form>
  );
}
