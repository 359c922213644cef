package dev.parley.server.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A single-node {@link Bus}: delivers synchronously on the publishing thread, in order. */
public final class LocalBus implements Bus {
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(BusMessage message) {
        for (Subscriber s : subscribers) {
            s.onMessage(message);
        }
    }

    @Override
    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void close() {
        subscribers.clear();
    }
}
