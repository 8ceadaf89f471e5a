/** Errors the application layer raises; each carries an Indonesian message for the user. */
export class UserError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("\n"));
    this.name = "UserError";
  }
}

/** The agency does not exist (or was removed). */
export class AgencyMissing extends UserError {}
/** The user's role does not allow this. */
export class Forbidden extends UserError {}
/** The change would make the agency data invalid; nothing was written. */
export class EditRejected extends UserError {}
