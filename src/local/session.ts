/**
 * Drives a bot through the fake transport, one update at a time: what the
 * local chat mode and the conversation tests use.
 */
import type { Bot } from "grammy";
import { say } from "../messages/catalog.js";
import { FakeTelegram, type FakeUser, type SentMessage } from "./fake-telegram.js";

export class ChatDriver {
  constructor(
    readonly bot: Bot,
    readonly telegram: FakeTelegram,
  ) {}

  /** Deliver one update; returns what the bot sent to that chat meanwhile (other chats may be served concurrently). */
  private async deliver(update: Parameters<Bot["handleUpdate"]>[0]): Promise<SentMessage[]> {
    const before = this.telegram.sent.length;
    const chatId = update.message?.chat.id ?? update.edited_message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.my_chat_member?.chat.id;
    await this.bot.handleUpdate(update);
    return this.telegram.sent.slice(before).filter((m) => m.chatId === chatId);
  }

  /** The user types a message; returns the bot's replies. */
  send(user: FakeUser, text: string, chatId = user.id): Promise<SentMessage[]> {
    return this.deliver(this.telegram.textUpdate(user, text, chatId));
  }

  /** The user presses the button with this label on the latest message that has it. */
  async press(user: FakeUser, label: string, chatId = user.id): Promise<SentMessage[]> {
    const found = this.telegram.findButton(chatId, label);
    if (!found) throw new Error(say("lokal.tombol_tidak_ada", { label }));
    return this.deliver(this.telegram.callbackUpdate(user, found.data, found.messageId, chatId));
  }

  /** A button press with arbitrary (possibly stale or forged) callback data, on the latest message. */
  pressData(user: FakeUser, data: string, chatId = user.id): Promise<SentMessage[]> {
    return this.deliver(this.telegram.callbackUpdate(user, data, this.telegram.latestMessageId(), chatId));
  }

  /** The user edits a message sent earlier, giving it this text. */
  edit(user: FakeUser, text: string, chatId = user.id): Promise<SentMessage[]> {
    return this.deliver(this.telegram.editedTextUpdate(user, text, chatId));
  }

  /** The user blocks the bot ("kicked") or starts it again ("member"): Telegram's my_chat_member update. */
  membership(user: FakeUser, status: "kicked" | "member"): Promise<SentMessage[]> {
    return this.deliver(this.telegram.membershipUpdate(user, status));
  }

  /** The user sends a photo, a sticker or a voice note. */
  sendOther(user: FakeUser, kind: "photo" | "sticker" | "voice", chatId = user.id): Promise<SentMessage[]> {
    return this.deliver(this.telegram.otherUpdate(user, kind, chatId));
  }

  sendDocument(user: FakeUser, fileId: string, fileName: string, size: number): Promise<SentMessage[]> {
    return this.deliver(this.telegram.documentUpdate(user, fileId, fileName, size));
  }
}
