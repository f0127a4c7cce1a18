package io.adoec2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lookups the moto launcher answers by id, its cache of the names moto's serializer tries, and
 * its list of moto's modules and its response classes' action names made once, give moto's own
 * answers: the check script asks each of the same moto state with and without them (tags of one
 * resource, instances by id with other filters, an image by id, the serialized EC2 and DynamoDB
 * answers a client reads, the backend moto's server picks for each host, the action names of the
 * response classes, and whole requests through its dispatcher) and names the first that differs.
 */
class MotoIndexedAnswersTest {
    private static final String LAUNCHER = "moto_server_indexed.py";
    private static final String CHECK = "moto_indexed_answers_check.py";

    @Test
    void everyIndexedLookupAnswersAsMotoDoes(@TempDir Path directory) throws IOException, InterruptedException {
        copy(LAUNCHER, directory);
        copy(CHECK, directory);
        Path python = PythonTools.installed(ProjectRoot.find()).python();
        ProcessBuilder builder = new ProcessBuilder(python.toString(), CHECK).directory(directory.toFile())
                .redirectErrorStream(true);
        // mock_aws signs nothing real; the client only needs some credentials to sign with.
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        Process check = builder.start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("\\d+ answers identical");
    }

    private static void copy(String resource, Path directory) throws IOException {
        try (InputStream source = MotoIndexedAnswersTest.class.getResourceAsStream(resource)) {
            assertThat(source).as(resource).isNotNull();
            Files.copy(source, directory.resolve(resource));
        }
    }
}
