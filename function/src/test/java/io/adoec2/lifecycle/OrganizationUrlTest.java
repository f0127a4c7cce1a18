package io.adoec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrganizationUrlTest {

    @Test
    void namesAndUrlsOfOneOrganizationAreEqual() {
        assertThat(OrganizationUrl.parse("contoso"))
                .isEqualTo(OrganizationUrl.parse("https://dev.azure.com/contoso"))
                .isEqualTo(OrganizationUrl.parse("HTTPS://Dev.Azure.com/contoso/"));
    }

    @Test
    void legacyVisualStudioUrlsAndLoopbackSimulatorsAreAccepted() {
        assertThat(OrganizationUrl.parse("https://contoso.visualstudio.com")).hasToString("https://contoso.visualstudio.com");
        assertThat(OrganizationUrl.parse("http://127.0.0.1:8090/contoso")).hasToString("http://127.0.0.1:8090/contoso");
    }

    @Test
    void plainHttpElsewhereAndCredentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> OrganizationUrl.parse("http://dev.azure.com/contoso")).hasMessageContaining("https");
        assertThatThrownBy(() -> OrganizationUrl.parse("https://user:secret@dev.azure.com/contoso"))
                .hasMessageContaining("user info");
        assertThatThrownBy(() -> OrganizationUrl.parse(" ")).hasMessageContaining("empty");
    }
}
