package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.lifecycle.OrganizationUrl;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    @Test
    void readsTheEnvironmentWithDefaults() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of("TABLE_NAME", "records",
                "ADO_ORGANIZATION_URL", "contoso", "ADO_ORGANIZATIONS", "fabrikam, https://dev.azure.com/tailspin",
                "ADO_PAT_PARAMETER", "/ado/pat"));

        assertThat(config.defaultOrganization()).isEqualTo(OrganizationUrl.parse("https://dev.azure.com/contoso"));
        assertThat(config.organizations()).containsExactlyInAnyOrder(OrganizationUrl.parse("contoso"),
                OrganizationUrl.parse("fabrikam"), OrganizationUrl.parse("tailspin"));
        assertThat(config.patCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.recordRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void namesEveryMissingOrBadVariable() {
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(Map.of("ADO_ORGANIZATION_URL", "http://x.example",
                "RECORD_RETENTION_DAYS", "-3")))
                .hasMessageContaining("TABLE_NAME is not set")
                .hasMessageContaining("ADO_PAT_PARAMETER is not set")
                .hasMessageContaining("ADO_ORGANIZATION_URL")
                .hasMessageContaining("RECORD_RETENTION_DAYS must be a positive whole number");
    }
}
