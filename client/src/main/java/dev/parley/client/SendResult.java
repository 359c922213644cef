package dev.parley.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to a message: accepted (an ack with the stored message id) or rejected (an
 * error code and a human reason). A rejection is a result, not an exception.
 *
 * @param clientMsgId the id this client gave the message
 * @param id the server's message id when accepted (0 for direct messages on some servers)
 * @param timestamp the server's Unix millis when accepted, else 0
 * @param rejectionCode the error code when rejected
 * @param rejectionReason the server's explanation when rejected
 */
public record SendResult(
        String clientMsgId,
        long id,
        long timestamp,
        Optional<String> rejectionCode,
        Optional<String> rejectionReason) {
    public SendResult {
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(rejectionCode, "rejectionCode");
        Objects.requireNonNull(rejectionReason, "rejectionReason");
    }

    public static SendResult accepted(String clientMsgId, long id, long timestamp) {
        return new SendResult(clientMsgId, id, timestamp, Optional.empty(), Optional.empty());
    }

    public static SendResult rejected(String clientMsgId, String code, String reason) {
        return new SendResult(clientMsgId, 0, 0, Optional.of(code), Optional.of(reason));
    }

    public boolean isAccepted() {
        return rejectionCode.isEmpty();
    }
}
