package io.adoec2.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of option values, each failing with a message that names the option, the value as
 * given and what is allowed; picocli's own conversion errors ("'lots' is not an int") say the same
 * in the same words.
 */
public final class OptionValues {
    private OptionValues() {}

    /** A whole number of at least {@code least}. */
    public static void atLeast(CommandSpec spec, String option, long value, long least) {
        if (value < least) {
            throw invalid(spec, option, value, "a whole number of at least " + least);
        }
    }

    /** A whole number from {@code least} to {@code most}. */
    public static void within(CommandSpec spec, String option, long value, long least, long most) {
        if (value < least || value > most) {
            throw invalid(spec, option, value, "a whole number from " + least + " to " + most);
        }
    }

    /** A share: a number from 0 to 1. */
    public static void share(CommandSpec spec, String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(spec, option, value, "a number from 0 to 1, such as 0.05");
        }
    }

    /** One of an enum's constants, named in any case. */
    public static <E extends Enum<E>> E oneOf(CommandSpec spec, String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw invalid(spec, option, value, Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")));
    }

    /** The error for a value that is not allowed, in the words of every other check here. */
    public static ParameterException invalid(CommandSpec spec, String option, Object value, String allowed) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                + given(spec, option, value) + " (allowed: " + allowed + ")");
    }

    /** The value as the user typed it, when the option was given; the value in force otherwise. */
    private static String given(CommandSpec spec, String option, Object value) {
        var parsed = spec.commandLine().getParseResult();
        OptionSpec matched = parsed == null ? null : parsed.matchedOption(option);
        List<String> typed = matched == null ? List.of() : matched.stringValues();
        return "'" + (typed.isEmpty() ? value : typed.getLast()) + "'";
    }
}
