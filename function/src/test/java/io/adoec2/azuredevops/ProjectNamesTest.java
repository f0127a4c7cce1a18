package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Fabrikam", "web shop", "Ünïcødé 名前", "R&D", "100%", "v1.2", "it's", "a-b_c"})
    void validNames(String name) {
        assertThat(ProjectNames.invalidBecause(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "a?b", "x#y", "a:b", "a*b", "<a>", "a|b", "a;b", "$x", "{a}", "a,b",
            "a+b", "a=b", "[a]", "\"q\"", "_apis", ".hidden", "trailing.", "..", "tab\there", "emoji 🚀"})
    void namesNoProjectCanHave(String name) {
        assertThat(ProjectNames.invalidBecause(name)).get().asString().startsWith("project names cannot");
    }

    @Test
    void namesTheOffendingCharacter() {
        assertThat(ProjectNames.invalidBecause("a/b")).contains("project names cannot contain '/'");
    }

    @Test
    void recognisesProjectIds() {
        assertThat(ProjectNames.isId("6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c")).isTrue();
        assertThat(ProjectNames.isId("6CE954B1-CE1F-45D1-B94D-E6BF2464BA2C")).isTrue();
        assertThat(ProjectNames.isId("6ce954b1-ce1f-45d1-b94d-e6bf2464ba2")).isFalse();
        assertThat(ProjectNames.isId("Fabrikam")).isFalse();
    }
}
