package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed input is a ProtocolException, and never any other exception. */
class EventCodecStrictnessTest {
    private final EventCodec codec = new EventCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes, accepting success or ProtocolException; anything else fails the test. */
    private void decodeSafely(byte[] input) {
        try {
            codec.decode(input);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail(
                    "decode threw "
                            + e
                            + " for input "
                            + new String(input, StandardCharsets.ISO_8859_1),
                    e);
        }
    }

    private void rejects(String json) {
        rejects(utf8(json));
    }

    private void rejects(byte[] input) {
        assertThatThrownBy(() -> codec.decode(input)).isInstanceOf(ProtocolException.class);
    }

    @Provide
    Arbitrary<Event> events() {
        return EventArbitraries.shortEvents();
    }

    @Property(tries = 150)
    void everyTruncationIsRejected(@ForAll("events") Event event) {
        byte[] encoded = codec.encode(event);
        for (int len = 0; len < encoded.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(encoded, len);
            assertThatThrownBy(() -> codec.decode(cut))
                    .as("truncated to %d", len)
                    .isInstanceOf(ProtocolException.class);
        }
    }

    @Property(tries = 150)
    void byteFlipsNeverThrowAnythingButProtocolException(
            @ForAll("events") Event event, @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] encoded = codec.encode(event);
        for (int i = 0; i < encoded.length; i++) {
            byte[] flipped = encoded.clone();
            flipped[i] ^= (byte) mask;
            decodeSafely(flipped);
        }
    }

    @Property(tries = 500)
    void randomBytesNeverThrowAnythingButProtocolException(@ForAll byte[] input) {
        decodeSafely(input);
    }

    @Property(tries = 500)
    void randomJsonLikeTextNeverThrowsAnythingButProtocolException(
            @ForAll("jsonish") String input) {
        decodeSafely(utf8(input));
    }

    @Provide
    Arbitrary<String> jsonish() {
        return net.jqwik.api.Arbitraries.strings()
                .withChars("{}[]\":,0123456789-+.eEtruefalsn \\u\"typesndm")
                .ofMaxLength(80)
                .map(s -> "{\"type\":" + s);
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        rejects("{\"type\":\"ping\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        rejects("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        // nesting up to the limit is fine in an ignored member
        String ok =
                "{\"type\":\"ping\",\"x\":"
                        + "[".repeat(Limits.MAX_JSON_DEPTH - 1)
                        + "]".repeat(Limits.MAX_JSON_DEPTH - 1)
                        + "}";
        decodeSafely(utf8(ok));
        assertThat(decodes(ok)).isEqualTo(new ClientEvent.Ping());
        rejects(
                "{\"type\":\"ping\",\"x\":"
                        + "[".repeat(Limits.MAX_JSON_DEPTH)
                        + "]".repeat(Limits.MAX_JSON_DEPTH)
                        + "}");
    }

    private Event decodes(String json) {
        try {
            return codec.decode(utf8(json));
        } catch (ProtocolException e) {
            throw new AssertionError("should decode: " + e.getMessage(), e);
        }
    }

    @Test
    void oversizedInputIsRejected() {
        String pad = " ".repeat(Limits.MAX_EVENT_BYTES);
        rejects("{\"type\":\"ping\"}" + pad);
        EventCodec small = new EventCodec(100);
        assertThatThrownBy(
                        () ->
                                small.decode(
                                        utf8(
                                                "{\"type\":\"ping\",\"x\":\""
                                                        + "a".repeat(100)
                                                        + "\"}")))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> small.encode(new ClientEvent.Send("c", "main", "a".repeat(200))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlongStringIsRejected() {
        rejects(
                "{\"type\":\"ping\",\"x\":\""
                        + "a".repeat(Limits.MAX_JSON_STRING_CHARS + 1)
                        + "\"}");
        rejects(
                "{\"type\":\"send\",\"clientMsgId\":\"c\",\"room\":\"main\",\"text\":\""
                        + "a".repeat(Limits.MAX_TEXT_CODE_POINTS + 1)
                        + "\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9223372036854775808",
                "-9223372036854775809",
                "99999999999999999999999999",
                "1.0",
                "1.5",
                "1e3",
                "1E3",
                "-1",
                "01",
                "+1",
                ".5",
                "1.",
                "0x10",
                "NaN",
                "Infinity",
                "\"5\"",
                "true",
                "null",
                "[]",
                "10000000000000000000000000000000000000000000000000000000000000000000000"
            })
    void badIntegersAreRejected(String id) {
        rejects("{\"type\":\"ack\",\"clientMsgId\":\"c\",\"id\":" + id + ",\"ts\":1}");
    }

    @Test
    void largestLongIsAccepted() {
        assertThat(
                        decodes(
                                "{\"type\":\"ack\",\"clientMsgId\":\"c\",\"id\":9223372036854775807,\"ts\":0}"))
                .isEqualTo(new ServerEvent.Ack("c", Long.MAX_VALUE, 0));
    }

    @Test
    void fractionsAndHugeNumbersAreIgnoredInUnknownMembers() {
        assertThat(
                        decodes(
                                "{\"type\":\"join\",\"room\":\"main\",\"weight\":1.5e300,\"big\":123456789012345678901234567890}"))
                .isEqualTo(new ClientEvent.Join("main"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "}",
                "[]",
                "\"send\"",
                "null",
                "{}",
                "{\"type\":1}",
                "{\"type\":null}",
                "{\"type\":\"nope\"}",
                "{\"type\":\"PING\"}",
                "{\"type\":\"ping\"}x",
                "{\"type\":\"ping\"}{}",
                "{\"type\":\"ping\",}",
                "{\"type\":\"ping\" \"a\":1}",
                "{'type':'ping'}",
                "{type:\"ping\"}",
                "{\"type\":\"ping\",\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"a\":1,\"a\":2}",
                "{\"type\":\"join\",\"room\":\"main\",\"room\":\"dev\"}",
                "{\"type\":\"ping\",\"a\":tru}",
                "{\"type\":\"ping\",\"a\":nul}",
                "{\"type\":\"ping\",\"a\":[1,]}",
                "{\"type\":\"ping\",\"a\":\"\\x\"}",
                "{\"type\":\"ping\",\"a\":\"\\u12\"}",
                "{\"type\":\"ping\",\"a\":\"\\u12G4\"}",
                "{\"type\":\"ping\",\"a\":\"\\ud800\"}",
                "{\"type\":\"ping\",\"a\":\"\\udc00\\ud800\"}",
                "{\"type\":\"ping\",\"a\":\"\\ud800\\u0041\"}",
                "{\"type\":\"ping\",\"a\":\"\\ud800x\"}",
                "{\"type\":\"ping\",\"a\":\"\\u\uff11234\"}",
                "{\"type\":\"ping\",\"a\":\"tab\there\"}",
                "{\"type\":\"ping\",\"a\":\"nl\nhere\"}",
                "\uFEFF{\"type\":\"ping\"}",
                "{\"type\":\"ping\"}\u0000",
                "{\"type\":\"ping\"}\u00a0",
                "{\"type\":\"join\"}",
                "{\"type\":\"join\",\"room\":5}",
                "{\"type\":\"join\",\"room\":null}",
                "{\"type\":\"join\",\"room\":[\"main\"]}",
                "{\"type\":\"join\",\"room\":\"\"}",
                "{\"type\":\"join\",\"room\":\"has space\"}",
                "{\"type\":\"join\",\"room\":\"a:b\"}",
                "{\"type\":\"history\",\"room\":\"main\",\"limit\":0}",
                "{\"type\":\"history\",\"room\":\"main\",\"limit\":101}",
                "{\"type\":\"history\",\"room\":\"main\",\"limit\":4294967297}",
                "{\"type\":\"history\",\"room\":\"main\",\"limit\":5,\"beforeId\":\"7\"}",
                "{\"type\":\"presence\",\"room\":\"main\",\"members\":[\"a\",1]}",
                "{\"type\":\"presence\",\"room\":\"main\",\"members\":\"a\"}",
                "{\"type\":\"history_page\",\"room\":\"main\",\"messages\":[1],\"hasMore\":false}",
                "{\"type\":\"history_page\",\"room\":\"main\",\"messages\":[],\"hasMore\":\"no\"}",
                "{\"type\":\"history_page\",\"room\":\"main\",\"messages\":[{\"id\":1,\"from\":\"a\",\"ts\":1}],\"hasMore\":false}",
                "{\"type\":\"welcome\",\"name\":\"a\",\"serverVersion\":\"1\",\"rooms\":[],\"limits\":[]}",
                "{\"type\":\"welcome\",\"name\":\"a\",\"serverVersion\":\"1\",\"rooms\":[],\"limits\":{\"maxTextLength\":0,\"maxHistoryLimit\":1}}",
                "{\"type\":\"room_list\",\"rooms\":[{\"room\":\"main\",\"members\":-1}]}",
                "{\"type\":\"room_list\",\"rooms\":[\"main\"]}",
                "{\"type\":\"error\",\"code\":\"Bad\",\"message\":\"x\"}",
                "{\"type\":\"send\",\"clientMsgId\":\"has space\",\"room\":\"main\",\"text\":\"x\"}",
                "{\"type\":\"send\",\"clientMsgId\":\"c\",\"room\":\"main\",\"text\":\"\"}",
                "{\"type\":\"message\",\"id\":-1,\"room\":\"main\",\"from\":\"a\",\"text\":\"x\",\"ts\":1}",
            })
    void malformedOrInvalidEventsAreRejected(String json) {
        rejects(json);
    }

    @Test
    void invalidUtf8IsRejected() {
        String prefix = "{\"type\":\"send\",\"clientMsgId\":\"c\",\"room\":\"main\",\"text\":\"";
        byte[][] bad = {
            {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded high surrogate (CESU-8)
            {(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, // encoded low surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}, // lone continuation
            {(byte) 0xe2, (byte) 0x82}, // truncated sequence
            {(byte) 0xff},
            {(byte) 0xfe},
        };
        for (byte[] seq : bad) {
            byte[] p = utf8(prefix);
            byte[] s = utf8("\"}");
            byte[] input = new byte[p.length + seq.length + s.length];
            System.arraycopy(p, 0, input, 0, p.length);
            System.arraycopy(seq, 0, input, p.length, seq.length);
            System.arraycopy(s, 0, input, p.length + seq.length, s.length);
            assertThatThrownBy(() -> codec.decode(input))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("UTF-8");
        }
    }

    @Test
    void escapedSurrogatePairsDecode() {
        assertThat(
                        decodes(
                                "{\"type\":\"send\",\"clientMsgId\":\"c\",\"room\":\"main\",\"text\":\"\\ud83d\\ude00\\u00e9\\u0041\"}"))
                .isEqualTo(new ClientEvent.Send("c", "main", "😀éA"));
    }

    @Test
    void unknownMembersAreIgnoredAndWhitespaceIsAllowed() {
        assertThat(
                        decodes(
                                " {\n\t\"extra\" : {\"nested\": [1, 2.5, null, true, {}]} , \"type\" : \"leave\" ,"
                                        + " \"room\":\"main\", \"future\": null }\r\n"))
                .isEqualTo(new ClientEvent.Leave("main"));
        assertThat(
                        decodes(
                                "{\"type\":\"room_list\",\"rooms\":[{\"room\":\"main\",\"members\":1,\"topic\":\"x\"}]}"))
                .isEqualTo(new ServerEvent.RoomList(List.of(new RoomInfo("main", 1))));
    }

    @Test
    void nullOptionalMembersMeanAbsent() {
        assertThat(
                        decodes(
                                "{\"type\":\"error\",\"code\":\"internal\",\"message\":\"x\",\"clientMsgId\":null}"))
                .isEqualTo(new ServerEvent.Error("internal", "x", Optional.empty()));
    }

    @Test
    void directionSpecificDecodersRejectTheOtherDirection() throws ProtocolException {
        byte[] ping = codec.encode(new ClientEvent.Ping());
        byte[] pong = codec.encode(new ServerEvent.Pong());
        assertThat(codec.decodeClientEvent(ping)).isEqualTo(new ClientEvent.Ping());
        assertThat(codec.decodeServerEvent(pong)).isEqualTo(new ServerEvent.Pong());
        assertThatThrownBy(() -> codec.decodeClientEvent(pong))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec.decodeServerEvent(ping))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void errorMessagesDoNotEchoInput() {
        assertThatThrownBy(
                        () -> codec.decode(utf8("{\"type\":\"join\",\"room\":\"secret stuff\"}")))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        assertThatThrownBy(() -> codec.decode(utf8("{\"type\":\"secretType\"}")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
