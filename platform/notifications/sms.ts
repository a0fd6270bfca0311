// The SMS gateway's HTTP adapter. Uzbek gateways share one shape: a bearer token, a sender name
// registered with the operators, a batch of messages each with the client's own id (which the
// gateway keeps unique, so a repeated send after a restart is the same SMS), and a delivery report
// posted back to the callback URL:
//   POST {url}/sms/send  Authorization: Bearer <token>
//     { "messages": [{ "id", "to": "998XXXXXXXXX", "from", "text", "callback_url" }] }
//   200 { "accepted": [{ "id", "gateway_id" }], "rejected": [{ "id", "error" }] }
//   → POST callback_url  Authorization: Bearer <callback secret>
//     { "id", "gateway_id", "status": "delivered" | "failed", "error"? }
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from './channel.ts';

export interface SmsConfig {
  url: string;
  token?: string;
  sender: string;
  /** Where the gateway posts delivery reports. */
  callbackUrl: string;
  timeoutMs?: number;
}

/** The gateway's delivery report, as it posts it. */
export interface SmsReport {
  id: string;
  gateway_id?: string;
  status: 'delivered' | 'failed';
  error?: string;
}

interface SendAnswer {
  accepted?: { id: string; gateway_id: string }[];
  rejected?: { id: string; error: string }[];
}

export function createSmsSender(config: SmsConfig, textOf: (m: OutgoingMessage) => string): ChannelAdapter {
  return {
    async send(m): Promise<SendOutcome> {
      let res: Response;
      try {
        res = await fetch(new URL('sms/send', config.url.endsWith('/') ? config.url : `${config.url}/`), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          body: JSON.stringify({
            messages: [
              {
                id: m.key,
                to: m.address.replace(/^\+/, ''),
                from: config.sender,
                text: textOf(m),
                callback_url: config.callbackUrl,
              },
            ],
          }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        return { kind: 'retry', afterMs: 5000, error: `gateway unreachable: ${(err as Error).message}` };
      }
      if (res.status === 429 || res.status >= 500) {
        await res.arrayBuffer();
        const after = Number(res.headers.get('retry-after'));
        return {
          kind: 'retry',
          afterMs: after > 0 ? after * 1000 : 5000,
          error: `gateway answered ${res.status}`,
        };
      }
      if (!res.ok) {
        // A refused token or a malformed request: our configuration, not the person.
        return {
          kind: 'retry',
          afterMs: 60_000,
          error: `gateway answered ${res.status}: ${await res.text()}`,
        };
      }
      const answer = (await res.json()) as SendAnswer;
      const accepted = answer.accepted?.find((a) => a.id === m.key);
      if (accepted) return { kind: 'sent', providerId: accepted.gateway_id, delivered: false };
      const rejected = answer.rejected?.find((r) => r.id === m.key);
      return { kind: 'failed', error: rejected?.error ?? 'not accepted', unreachable: Boolean(rejected) };
    },
  };
}
