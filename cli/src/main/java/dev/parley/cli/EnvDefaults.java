package dev.parley.cli;

import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment: {@code --authorized-keys} reads {@code
 * PARLEY_AUTHORIZED_KEYS}, and so on. A flag on the command line still wins; with neither, the
 * option's own default applies.
 */
final class EnvDefaults implements IDefaultValueProvider {
    static String variableFor(String longName) {
        return "PARLEY_"
                + longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            String value = Streams.current().env.apply(variableFor(option.longestName()));
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
