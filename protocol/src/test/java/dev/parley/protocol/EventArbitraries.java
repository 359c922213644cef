package dev.parley.protocol;

import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every event, with text that stresses the codec. */
final class EventArbitraries {
    private EventArbitraries() {}

    /** Code points a codec must get right: controls, quotes, escapes, BMP, astral, emoji. */
    static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                (int) '"',
                                (int) '\\',
                                (int) '/',
                                0x7f,
                                0x2028,
                                0x2029,
                                0xfeff,
                                0xfffd,
                                0xffff,
                                0x200d)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xfffd)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x1f300, 0x1faff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
    }

    static Arbitrary<String> text() {
        return codePoints().list().ofMinSize(1).ofMaxSize(60).map(EventArbitraries::fromCodePoints);
    }

    /** Mostly short text, sometimes text of the maximum length. */
    static Arbitrary<String> longText() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, text()),
                net.jqwik.api.Tuple.of(
                        1,
                        codePoints()
                                .list()
                                .ofSize(Limits.MAX_TEXT_CODE_POINTS)
                                .map(EventArbitraries::fromCodePoints)));
    }

    static String fromCodePoints(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        for (int cp : cps) {
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static final String NAME_CHARS =
            "abcxyzABCXYZ0189_-.\u00e9\u00df\u0416\u0436\u65e5\u672c\u00fc\u0627\u05d0";

    static Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars(NAME_CHARS)
                .ofMinLength(1)
                .ofMaxLength(Limits.MAX_NAME_CODE_POINTS)
                .filter(Names::isValidUserName);
    }

    static Arbitrary<String> clientMsgIds() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(Limits.MAX_CLIENT_MSG_ID_LENGTH);
    }

    static Arbitrary<Long> ids() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1000), Arbitraries.longs().greaterOrEqual(0));
    }

    static Arbitrary<ServerEvent.Message> messages(String room, Arbitrary<String> texts) {
        return Combinators.combine(ids(), names(), texts, ids())
                .as((id, from, text, ts) -> new ServerEvent.Message(id, room, from, text, ts));
    }

    /** Every event type, with text up to the maximum length. */
    static Arbitrary<Event> events() {
        return events(longText());
    }

    /** Every event type, with short text (for sweeps that are quadratic in the size). */
    static Arbitrary<Event> shortEvents() {
        return events(text());
    }

    private static Arbitrary<Event> events(Arbitrary<String> longText) {
        Arbitrary<String> names = names();
        Arbitrary<Event> client =
                Arbitraries.oneOf(
                        Combinators.combine(clientMsgIds(), names, longText)
                                .as(ClientEvent.Send::new),
                        Combinators.combine(clientMsgIds(), names, text())
                                .as(ClientEvent.Direct::new),
                        names.map(ClientEvent.Join::new),
                        names.map(ClientEvent.Leave::new),
                        Arbitraries.just(new ClientEvent.ListRooms()),
                        names.map(ClientEvent.Who::new),
                        Combinators.combine(
                                        names,
                                        Arbitraries.oneOf(
                                                Arbitraries.just(OptionalLong.empty()),
                                                ids().map(OptionalLong::of)),
                                        Arbitraries.integers().between(1, Limits.MAX_HISTORY_LIMIT))
                                .as(ClientEvent.History::new),
                        Arbitraries.just(new ClientEvent.Ping()));
        Arbitrary<Event> server =
                Arbitraries.oneOf(
                        Combinators.combine(
                                        names,
                                        text(),
                                        names.list().ofMaxSize(5),
                                        Arbitraries.integers()
                                                .between(1, Limits.MAX_TEXT_CODE_POINTS),
                                        Arbitraries.integers().between(1, Limits.MAX_HISTORY_LIMIT))
                                .as(
                                        (n, v, rooms, t, h) ->
                                                new ServerEvent.Welcome(
                                                        n, v, rooms, new ServerLimits(t, h))),
                        Combinators.combine(ids(), names, names, longText, ids())
                                .as(ServerEvent.Message::new),
                        Combinators.combine(ids(), names, names, text(), ids())
                                .as(ServerEvent.DirectMessage::new),
                        Combinators.combine(names, names).as(ServerEvent.Joined::new),
                        Combinators.combine(names, names).as(ServerEvent.Left::new),
                        Combinators.combine(names, names.list().ofMaxSize(8))
                                .as(ServerEvent.Presence::new),
                        names.flatMap(
                                room ->
                                        Combinators.combine(
                                                        messages(room, longText)
                                                                .list()
                                                                .ofMaxSize(4),
                                                        Arbitraries.of(true, false))
                                                .as(
                                                        (ms, more) ->
                                                                new ServerEvent.HistoryPage(
                                                                        room, ms, more))),
                        Combinators.combine(clientMsgIds(), ids(), ids()).as(ServerEvent.Ack::new),
                        Combinators.combine(
                                        Arbitraries.of(
                                                ErrorCodes.BAD_REQUEST,
                                                ErrorCodes.TOO_LONG,
                                                "future_code_2"),
                                        text(),
                                        clientMsgIds().optional())
                                .as(ServerEvent.Error::new),
                        Combinators.combine(names, Arbitraries.integers().greaterOrEqual(0))
                                .as(RoomInfo::new)
                                .list()
                                .ofMaxSize(6)
                                .map(ServerEvent.RoomList::new),
                        Arbitraries.just(new ServerEvent.Pong()));
        return Arbitraries.oneOf(client, server);
    }
}
