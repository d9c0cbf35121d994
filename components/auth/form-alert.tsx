export function FormAlert({ message }: { message: string }) {
  return (
    <p
      role="alert"
      tabIndex={-1}
      className="rounded-md outline-none focus-visible:outline-2 focus-visible:outline-ring border border-red-200 bg-destructive-soft px-3 py-2 text-sm text-destructive-foreground dark:border-red-900"
    >
      {message}
    </p>
  );
}
