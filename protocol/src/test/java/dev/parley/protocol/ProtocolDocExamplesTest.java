package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every JSON example in docs/protocol.md is a valid event in its canonical encoding. */
class ProtocolDocExamplesTest {
    private static final Pattern JSON_BLOCK =
            Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    private static List<String> examples() throws Exception {
        Path doc = Path.of("..", "docs", "protocol.md"); // surefire runs in the module directory
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> examples = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(text);
        while (m.find()) {
            examples.add(m.group(1));
        }
        return examples;
    }

    @Test
    void everyExampleDecodesAndIsCanonical() throws Exception {
        EventCodec codec = new EventCodec();
        Set<Class<?>> covered = new HashSet<>();
        for (String example : examples()) {
            Event event = codec.decode(example.getBytes(StandardCharsets.UTF_8));
            assertThat(new String(codec.encode(event), StandardCharsets.UTF_8)).isEqualTo(example);
            covered.add(event.getClass());
        }
        Set<Class<?>> all = new HashSet<>(List.of(ClientEvent.class.getPermittedSubclasses()));
        all.addAll(List.of(ServerEvent.class.getPermittedSubclasses()));
        assertThat(covered).as("event types with an example").isEqualTo(all);
    }
}
