package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/deployment.md tells operators which scopes to give each PAT; {@link RequiredScopes} is what
 * every handler test (FunctionHarness) and the simulator's registration test grant. The two must
 * name the same scopes, or the documentation is wrong in one direction or the other.
 */
class LeastScopesDocTest {
    /** The PAT page's labels and the spec's scope names. */
    private static final Map<String, String> LABELS = Map.of(
            "Environment: Read & manage", "vso.environment_manage",
            "Agent Pools: Read & manage", "vso.agentpools_manage",
            "Agent Pools: Read", "vso.agentpools",
            "Project and Team: Read", "vso.project",
            "Build: Read", "vso.build");

    @Test
    void theDeploymentGuideAsksForExactlyTheScopesTheTestsGrant() throws IOException {
        String guide = Files.readString(ProjectRoot.find().resolve("docs/deployment.md"));

        assertThat(scopesOfRow(guide, "functions'")).isEqualTo(RequiredScopes.FUNCTIONS);
        assertThat(scopesOfRow(guide, "registration")).isEqualTo(RequiredScopes.REGISTRATION);
    }

    /** The bold labels in the scopes column of the PATs table's row for one credential. */
    private static Set<String> scopesOfRow(String guide, String credential) {
        Matcher row = Pattern.compile("(?m)^\\| " + Pattern.quote(credential) + " \\|[^|]*\\|[^|]*\\|([^|]*)\\|")
                .matcher(guide);
        assertThat(row.find()).as("a row for the " + credential + " PAT in docs/deployment.md").isTrue();
        Set<String> scopes = new LinkedHashSet<>();
        Matcher label = Pattern.compile("\\*\\*([^*]+)\\*\\*").matcher(row.group(1));
        while (label.find()) {
            assertThat(LABELS).as("a known scope label").containsKey(label.group(1));
            scopes.add(LABELS.get(label.group(1)));
        }
        return scopes;
    }
}
