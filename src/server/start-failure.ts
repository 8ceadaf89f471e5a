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
  if (e instanceof PollingRefused) return say(e.code === 409 ? "cli.polling_bentrok" : "cli.token_ditolak");
  if (e instanceof GrammyError && e.error_code === 401) return say("cli.token_ditolak");
  if (e instanceof ApiCallDeadline) return say("cli.telegram_tidak_terhubung", { alamat: apiRoot, panggilan: e.method, detik: Math.round(e.ms / 1000) });
  if (e instanceof GrammyError) return say("cli.telegram_menolak", { panggilan: e.method, kode: e.error_code, keterangan: e.description });
  return e instanceof Error ? e.message : String(e);
}
