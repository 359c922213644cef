package dev.parley.server.chat;

import dev.parley.themis.PublicKey;

/**
 * A live, authenticated connection as the {@link Router} sees it. Implementations are thread-safe:
 * the router calls {@link #deliver} and {@link #refuse} from its own thread.
 */
public interface Member {
    /** The authenticated name (the Secure Session peer id). */
    String name();

    /** The key the peer proved it holds. */
    PublicKey publicKey();

    /**
     * Queues one event for this member. Never blocks: if the member's bounded queue is full, the
     * member is disconnected instead (slow reader).
     */
    void deliver(ChatEvent event);

    /** The router refuses this member (e.g. name held by another key): close it. */
    void refuseNameTaken();
}
