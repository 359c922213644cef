package dev.parley.server.cluster;

import java.util.Objects;

/**
 * Where the cluster's Redis is: a Lettuce URI, {@code redis://[[user:]password@]host[:port][/db]}.
 * The URI may hold a password, so {@link #toString()} shows only what follows the last {@code @}
 * (host, port, database).
 */
public record RedisAddress(String uri) {
    public RedisAddress {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("Redis URI must not be empty");
        }
    }

    @Override
    public String toString() {
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        String prefix = scheme < 0 ? "" : uri.substring(0, scheme + 3);
        return "RedisAddress[" + (at < 0 ? uri : prefix + "***@" + uri.substring(at + 1)) + "]";
    }
}
