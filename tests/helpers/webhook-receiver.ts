import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A real webhook receiver on loopback: it keeps every request it gets (headers and the
// raw body), answers `status` (200 unless told otherwise), and verifies with the
// `standardwebhooks` library, as a customer's receiver would.
export type Delivery = { headers: Record<string, string>; body: string };
// Each type carries its own record: tests read the fields they expect.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Event = { id: string; type: string; timestamp: string; accountId: string; data: any; context?: any };

export type Receiver = {
  url: string;
  port: number;
  received: Delivery[];
  status: number;
  stop: () => Promise<void>;
};

export async function startReceiver(port = 0): Promise<Receiver> {
  const received: Delivery[] = [];
  const receiver = { received, status: 200 } as Receiver;
  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers as Record<string, string>, body });
      response.writeHead(receiver.status, { "content-type": "text/plain" });
      response.end(receiver.status < 300 ? "thanks" : "not now");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  receiver.stop = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

// The event, if the library accepts the delivery's signature with this secret; throws if not.
export function verified(delivery: Delivery, secret: string): Event {
  return new Webhook(secret).verify(delivery.body, delivery.headers) as Event;
}

// The events signed with this secret (one receiver serves several endpoints' tests).
export const eventsOf = (receiver: Receiver, secret: string) =>
  receiver.received.flatMap((delivery) => {
    try {
      return [verified(delivery, secret)];
    } catch {
      return [];
    }
  });
