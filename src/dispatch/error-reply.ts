// The private reply for a failed command or button, shared by the dispatcher, the button actions and the console:
// the user-facing words (src/errors.ts userFacingMessage) marked with why it failed, so a piped console session can
// exit non-zero.
import { UpstreamError, UserError, userFacingMessage } from "../errors.js";
import { textReply, type Reply } from "../message.js";

export function errorReply(err: unknown): Reply {
  const failure = err instanceof UserError ? err.code : err instanceof UpstreamError ? "upstream" : "internal";
  return { ...textReply(userFacingMessage(err)), failure };
}
