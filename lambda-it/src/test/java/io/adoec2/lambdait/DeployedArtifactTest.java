package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one file Terraform deploys: what Lambda needs from it, and nothing that must not ship. */
class DeployedArtifactTest {
    private static final TerraformFunctions TERRAFORM = TerraformFunctions.load();
    /** Code that never ships: the simulator, the CLI, local peers, test libraries, and the runtime client Lambda brings. */
    private static final List<String> NEVER_SHIPPED = List.of("io/adoec2/azuredevops/simulator/", "io/adoec2/cli/",
            "io/adoec2/localaws/", "io/adoec2/testing/", "com/amazonaws/services/lambda/runtime/api/client/",
            "com/amazonaws/services/lambda/crac/", "org/junit/", "org/assertj/", "org/opentest4j/", "picocli/");

    private static Set<String> entries;

    @BeforeAll
    static void readArtifact() throws IOException {
        assertThat(TERRAFORM.artifact()).as("the artifact functions.json names, built by Maven").isRegularFile();
        try (JarFile jar = new JarFile(TERRAFORM.artifact().toFile())) {
            entries = jar.stream().map(ZipEntry::getName).collect(Collectors.toUnmodifiableSet());
        }
    }

    static List<TerraformFunctions.Function> functions() {
        return TERRAFORM.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void holdsTheEntryClassOfEachHandlerString(TerraformFunctions.Function function) {
        String entry = function.handlerClass().replace('.', '/') + ".class";
        assertThat(entries).as("%s's handler class in %s", function.key(), TERRAFORM.artifact()).contains(entry);
    }

    @Test
    void holdsNoTestSimulatorCliOrRuntimeClientCode() {
        assertThat(entries).as("entries of %s", TERRAFORM.artifact())
                .noneMatch(entry -> NEVER_SHIPPED.stream().anyMatch(entry::startsWith));
    }

    /**
     * The function signs, sends and finds credentials itself (io.adoec2.aws.sign, aws.call): the SDK
     * and the logging API it brings would only add classes to every cold start (bench/LEVERS.md).
     */
    @Test
    void holdsNoAwsSdkNorSlf4j() {
        assertThat(entries).as("entries of %s", TERRAFORM.artifact())
                .noneMatch(entry -> entry.startsWith("software/amazon/awssdk/") || entry.startsWith("org/slf4j/"));
    }

    @Test
    void holdsNoClassOfTheFunctionsTests() throws IOException {
        Path testClasses = ProjectRoot.find().resolve("function/target/test-classes");
        assertThat(testClasses).as("the function module's compiled tests").isDirectory();
        try (Stream<Path> files = Files.walk(testClasses)) {
            List<String> tests = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> testClasses.relativize(file).toString().replace('\\', '/')).toList();
            assertThat(tests).isNotEmpty();
            assertThat(entries).doesNotContainAnyElementsOf(tests);
        }
    }

    @Test
    void holdsWhatTheFunctionNeedsAtRunTimeBesideItsClasses() {
        assertThat(entries).as("SnapStart's priming events, the CRaC API Lambda binds to its own implementation")
                .contains("io/adoec2/handler/priming-sns.json", "io/adoec2/handler/priming-sqs.json",
                        "org/crac/Core.class");
    }
}
