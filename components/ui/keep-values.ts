import { startTransition, type FormEvent } from "react";

// A form's `action` prop resets its fields after every submit, which would wipe what
// the user typed when the server answers with an error. Dispatching from onSubmit keeps them.
export function keepValuesOnSubmit(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
}
