import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

// A software passkey: what a browser and its authenticator send back, computed here with
// node:crypto, so raw-request tests make real ES256 registrations and assertions (signed
// over the authenticator data and the client data's hash, as WebAuthn §6.3.3 says). It keeps
// its own signature counter, which a test may set (a copy of the key that fell behind).
type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string };

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export class SoftwarePasskey {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  // The user handle the passkey was registered with (a discoverable passkey returns it).
  userHandle: Uint8Array | null = null;
  counter = 0;

  constructor(
    readonly origin: string,
    readonly rpId = new URL(origin).hostname,
  ) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private authenticatorData(flags: number, attested?: Uint8Array): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }

  private coseKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: "jwk" });
    const key = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    return isoCBOR.encode(key as never);
  }

  // The answer to registration options ("none" attestation), as @simplewebauthn/browser sends it.
  register(options: CreationOptions) {
    this.userHandle = Buffer.from(options.user.id, "base64url");
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin: this.origin,
      crossOrigin: false,
    });
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.coseKey()]);
    const authData = this.authenticatorData(UP | UV | AT, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  // An assertion of `options.challenge`; the counter moves on by one first, unless `counter`
  // says what to send. `userVerified: false` leaves the UV flag off. `short: "r"` (or "s")
  // signs until that half of the ECDSA signature is shorter than 32 bytes (a leading zero
  // byte, about 1 signature in 256), as genuine authenticators' sometimes are.
  assert(
    options: RequestOptions,
    {
      counter,
      userVerified = true,
      origin = this.origin,
      short,
    }: { counter?: number; userVerified?: boolean; origin?: string; short?: "r" | "s" } = {},
  ) {
    this.counter = counter ?? this.counter + 1;
    const clientDataJSON = JSON.stringify({
      type: "webauthn.get",
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    const authData = this.authenticatorData(userVerified ? UP | UV : UP);
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    let signature = sign("sha256", signed, this.privateKey);
    // ECDSA is randomised: each signature has new r and s.
    while (short && ecdsaLengths(signature)[short] === 32) signature = sign("sha256", signed, this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: b64url(this.userHandle) } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}

// The lengths of a DER ECDSA P-256 signature's r and s without their sign padding (32 bytes,
// or fewer when they start with zero bytes): SEQUENCE { INTEGER r, INTEGER s }, each integer
// with a leading 0x00 when its high bit is set.
export function ecdsaLengths(der: Uint8Array): { r: number; s: number } {
  const lengths: number[] = [];
  let offset = 2;
  for (let part = 0; part < 2; part++) {
    const length = der[offset + 1];
    const value = der.subarray(offset + 2, offset + 2 + length);
    lengths.push(value[0] === 0 ? length - 1 : length);
    offset += 2 + length;
  }
  return { r: lengths[0], s: lengths[1] };
}
