package dev.parley.server.connection;

import dev.parley.server.ServerConfig;
import dev.parley.server.chat.Router;
import dev.parley.server.identity.NamePolicy;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.themis.PrivateKey;
import java.util.concurrent.Executor;

/**
 * What every {@link Connection} shares: limits, server key, name policy, router, metrics and the
 * bounded handshake pool (its {@code execute} throws {@code RejectedExecutionException} when full).
 */
public record ConnectionContext(
        ServerConfig config,
        PrivateKey serverKey,
        NamePolicy policy,
        Router router,
        ServerMetrics metrics,
        Executor handshakePool) {}
