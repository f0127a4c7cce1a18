package io.adoec2.aws.call;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A setting read as the AWS SDK's {@code SdkSystemSetting} reads it: its system property, else its
 * environment variable, a blank value counting as unset.
 *
 * @param name the property or variable the value came from, for messages
 * @param value the value, stripped
 */
public record SdkSetting(String name, String value) {

    public static Optional<SdkSetting> read(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                                            String property, String variable) {
        return of(property, systemProperties.apply(property)).or(() -> of(variable, environment.apply(variable)));
    }

    /** The JVM's own system properties and environment. */
    public static Optional<SdkSetting> read(String property, String variable) {
        return read(System::getProperty, System::getenv, property, variable);
    }

    private static Optional<SdkSetting> of(String name, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new SdkSetting(name, value.strip()));
    }
}
