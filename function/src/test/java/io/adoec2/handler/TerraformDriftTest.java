package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.lifecycle.Outcome;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.TerraformFunctions;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Terraform module's functions.json against the code: the variables it gives the functions
 * are the ones the function reads, and each handler string names an entry class Lambda can call.
 */
class TerraformDriftTest {
    private static final TerraformFunctions TERRAFORM = TerraformFunctions.load();

    static List<TerraformFunctions.Function> functions() {
        return TERRAFORM.all();
    }

    @Test
    void theFunctionsGetExactlyTheVariablesTheFunctionReads() {
        assertThat(Set.copyOf(TERRAFORM.environment()))
                .as("functions.json 'environment' against FunctionConfig.VARIABLES")
                .isEqualTo(Set.copyOf(FunctionConfig.VARIABLES));
        assertThat(TERRAFORM.environment()).as("no name listed twice").doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void eachHandlerStringNamesAStreamHandlerMethod(TerraformFunctions.Function function) throws Exception {
        Class<?> entry;
        try {
            entry = Class.forName(function.handlerClass(), false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("functions.json: " + function.key() + " names handler class "
                    + function.handlerClass() + ", which does not exist", e);
        }
        assertThat(RequestStreamHandler.class.isAssignableFrom(entry))
                .as("%s implements RequestStreamHandler", entry.getName()).isTrue();
        assertThat(entry.getMethod(function.handlerMethod(), InputStream.class, OutputStream.class, Context.class))
                .as("the method the handler string names").isNotNull();
        assertThat(entry.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    }

    /** The alarms watch these names; the function must write exactly them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spurious_terminations", "configuration_errors"})
    void theOutcomeMetricsAnAlarmWatchesAreTheOnesTheFunctionWrites(String key) throws Exception {
        JsonNode metric = new ObjectMapper().readTree(ProjectRoot.find().resolve(TerraformFunctions.FILE).toFile())
                .path("metrics").path(key);
        assertThat(metric.path("dimension").asText()).as("%s: dimension", key).isEqualTo("Result");
        Outcome.Result result = Outcome.Result.valueOf(metric.path("value").asText());
        assertThat(metric.path("metric").asText()).as("%s: metric", key).isEqualTo(result.metric());
    }
}
