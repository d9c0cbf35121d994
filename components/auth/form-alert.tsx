export function FormAlert({ message }: { message: string }) {
  return (
    <p
      role="alert"
      className="rounded-md border border-red-200 bg-destructive-soft px-3 py-2 text-sm text-destructive-foreground dark:border-red-900"
    >
      {message}
    </p>
  );
}
