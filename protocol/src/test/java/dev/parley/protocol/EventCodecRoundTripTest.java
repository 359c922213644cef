package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EventCodecRoundTripTest {
    private final EventCodec codec = new EventCodec();

    @Provide
    Arbitrary<Event> events() {
        return EventArbitraries.events();
    }

    @Property(tries = 1500)
    void everyEventSurvivesARoundTrip(@ForAll("events") Event event) throws ProtocolException {
        byte[] encoded = codec.encode(event);
        assertThat(codec.decode(encoded)).isEqualTo(event);
        // the encoding is canonical: decoding and encoding again gives the same bytes
        assertThat(codec.encode(codec.decode(encoded))).isEqualTo(encoded);
    }

    @Property(tries = 300)
    void encodingIsAJsonObjectWithTheTypeFirst(@ForAll("events") Event event) {
        String json = new String(codec.encode(event), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"type\":\"" + event.type() + "\"").endsWith("}");
    }

    @Property(tries = 300)
    void encodingContainsNoRawControlCharacters(@ForAll("events") Event event) {
        for (byte b : codec.encode(event)) {
            assertThat(b & 0xff).isGreaterThanOrEqualTo(0x20);
        }
    }

    @Test
    void everyEventTypeIsCoveredAndDistinct() {
        List<Event> one =
                List.of(
                        new ClientEvent.Send("c1", "main", "hi"),
                        new ClientEvent.Direct("c2", "bob", "hi"),
                        new ClientEvent.Join("main"),
                        new ClientEvent.Leave("main"),
                        new ClientEvent.ListRooms(),
                        new ClientEvent.Who("main"),
                        new ClientEvent.History("main", OptionalLong.of(5), 10),
                        new ClientEvent.Ping(),
                        new ServerEvent.Welcome(
                                "alice", "0.1.0", List.of("main"), ServerLimits.PROTOCOL_MAXIMUM),
                        new ServerEvent.Message(1, "main", "alice", "hi", 2),
                        new ServerEvent.DirectMessage(1, "a", "b", "hi", 2),
                        new ServerEvent.Joined("main", "bob"),
                        new ServerEvent.Left("main", "bob"),
                        new ServerEvent.Presence("main", List.of("a", "b")),
                        new ServerEvent.HistoryPage("main", List.of(), false),
                        new ServerEvent.Ack("c1", 1, 2),
                        new ServerEvent.Error("internal", "oops", Optional.empty()),
                        new ServerEvent.RoomList(List.of(new RoomInfo("main", 2))),
                        new ServerEvent.Pong());
        Set<String> types = new HashSet<>();
        for (Event e : one) {
            types.add(e.type());
        }
        assertThat(types).hasSize(one.size());
        assertThat(ClientEvent.class.getPermittedSubclasses()).hasSize(8);
        assertThat(ServerEvent.class.getPermittedSubclasses()).hasSize(11);
    }

    @Test
    void textWithEveryEscapeRoundTrips() throws ProtocolException {
        String text = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029😀\uFEFF";
        ClientEvent.Send send = new ClientEvent.Send("id", "main", text);
        String json = new String(codec.encode(send), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"type\":\"send\",\"clientMsgId\":\"id\",\"room\":\"main\",\"text\":"
                                + "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\\u2028\\u2029😀\uFEFF\"}");
        assertThat(codec.decode(codec.encode(send))).isEqualTo(send);
    }

    @Test
    void optionalMembersAreOmittedWhenAbsent() {
        assertThat(
                        new String(
                                codec.encode(new ClientEvent.History("main", 20)),
                                StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"history\",\"room\":\"main\",\"limit\":20}");
        assertThat(
                        new String(
                                codec.encode(ServerEvent.Error.of("internal", "x")),
                                StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"error\",\"code\":\"internal\",\"message\":\"x\"}");
    }

    @Test
    void largestPossibleMessageFitsTheEventLimit() {
        String worst = "\u0001".repeat(Limits.MAX_TEXT_CODE_POINTS); // 6 bytes each when escaped
        byte[] encoded =
                codec.encode(
                        new ServerEvent.Message(Long.MAX_VALUE, "r", "a", worst, Long.MAX_VALUE));
        assertThat(encoded.length).isLessThan(Limits.MAX_EVENT_BYTES);
    }
}
