/**
 * What `npm start` says when it cannot start on Telegram: in Indonesian, with what to check, never a stack
 * trace (the token is never in it: grammY's errors do not carry the URL).
 */
import { GrammyError } from "grammy";
import { ApiCallDeadline } from "../bot/api-calls.js";
import { say } from "../messages/catalog.js";
import { PollingRefused, WebhookInUse } from "./polling.js";

export function startFailure(e: unknown, apiRoot: string): string {
  if (e instanceof WebhookInUse) return say("cli.webhook_terpasang", { url: e.url });
  const refusal = e instanceof PollingRefused ? e.refusal : e;
  if (refusal instanceof GrammyError && refusal.error_code === 409) return say("cli.polling_bentrok");
  // A token Telegram does not know: 401; one not in a token's form (no colon, a stray character): 404 on getMe.
  if (refusal instanceof GrammyError && (refusal.error_code === 401 || (refusal.error_code === 404 && refusal.method === "getMe"))) {
    return say("cli.token_ditolak", { kode: refusal.error_code, keterangan: refusal.description });
  }
  if (e instanceof ApiCallDeadline) return say("cli.telegram_tidak_terhubung", { alamat: apiRoot, panggilan: e.method, detik: Math.round(e.ms / 1000) });
  if (e instanceof GrammyError) return say("cli.telegram_menolak", { panggilan: e.method, kode: e.error_code, keterangan: e.description });
  return e instanceof Error ? e.message : String(e);
}
