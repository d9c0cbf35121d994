import { z } from "zod";

// What an outbox message of the "mail" channel carries until it is sent: the addressee,
// both bodies, and the links in them (printed to the log when no SMTP server is set).
export const mailPayloadSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1),
  html: z.string().min(1),
  links: z.array(z.url()).default([]),
});
export type MailPayload = z.infer<typeof mailPayloadSchema>;
