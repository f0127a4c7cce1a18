package io.adoec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tag contract's one table of test vectors (docs/tag-contract-vectors.json), which the Linux
 * userdata's tests run as well: the function places, refuses or ignores each instance exactly as
 * the table says, so it agrees with the scripts that register the instances.
 */
class TagContractVectorsTest {
    static final Path VECTORS = Path.of("docs", "tag-contract-vectors.json");
    private static final OrganizationUrl DEFAULT = OrganizationUrl.parse("https://dev.azure.com/contoso");

    static Stream<Named<JsonNode>> vectors() throws IOException {
        JsonNode table = new ObjectMapper().readTree(Files.readString(ProjectRoot.find().resolve(VECTORS)));
        List<Named<JsonNode>> vectors = new ArrayList<>();
        table.path("vectors").forEach(vector -> vectors.add(Named.of(vector.path("name").asText(), vector)));
        assertThat(vectors).as("vectors in " + VECTORS).hasSizeGreaterThan(10);
        return vectors.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theFunctionFollowsTheVector(JsonNode vector) {
        Map<String, String> tags = new LinkedHashMap<>();
        vector.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), value(tag.getValue())));
        JsonNode expect = vector.path("expect");

        switch (expect.path("outcome").asText()) {
            case "not-managed" -> assertThat(TagContract.placementOf(tags, DEFAULT)).isEmpty();
            case "refused" -> {
                InvalidTagsException refused = catchThrowableOfType(InvalidTagsException.class,
                        () -> TagContract.placementOf(tags, DEFAULT));
                assertThat(refused).as("refused").isNotNull();
                assertThat(refused.tag()).isEqualTo(expect.path("tag").asText());
            }
            case "placed" -> {
                Optional<Placement> placed = TagContract.placementOf(tags, DEFAULT);
                assertThat(placed).isPresent();
                assertThat(placed.get().project()).isEqualTo(value(expect.path("project")));
                assertThat(placed.get().environment()).isEqualTo(value(expect.path("environment")));
                List<String> resourceTags = new ArrayList<>();
                expect.path("resourceTags").forEach(tag -> resourceTags.add(value(tag)));
                assertThat(placed.get().resourceTags()).containsExactlyElementsOf(resourceTags);
                assertThat(placed.get().organization()).isEqualTo(expect.has("organization")
                        ? OrganizationUrl.parse(value(expect.path("organization"))) : DEFAULT);
            }
            default -> throw new AssertionError("unknown outcome in " + VECTORS + ": " + expect);
        }
    }

    /** A string, or a list of parts: strings and {"repeat": s, "times": n}. */
    static String value(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder value = new StringBuilder();
        node.forEach(part -> value.append(part.isTextual() ? part.asText()
                : part.path("repeat").asText().repeat(part.path("times").asInt())));
        return value.toString();
    }
}
