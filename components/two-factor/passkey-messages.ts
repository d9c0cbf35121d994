// What the portal says when the browser's passkey prompt ends without a passkey.
export const PASSKEY_CANCELLED = "No passkey was used: your browser or device cancelled it. Try again.";
