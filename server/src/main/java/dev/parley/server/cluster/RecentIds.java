package dev.parley.server.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} ids seen, oldest forgotten first. Not thread-safe. */
final class RecentIds {
    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids =
                new LinkedHashMap<>(capacity * 2, 0.75f, false) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** True if {@code id} was not among the recent ones (it is now). */
    boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
