package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.Placement;
import io.adoec2.lifecycle.reconcile.ReconcileSettings;
import java.util.HashMap;
import java.util.List;
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
        assertThat(config.auth().secretCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.recordRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.reconcile()).isEqualTo(ReconcileSettings.defaults());
    }

    @Test
    void readsTheEnvironmentsToReconcileByOrganizationNameOrUrl() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of("TABLE_NAME", "records",
                "ADO_ORGANIZATION_URL", "contoso", "ADO_ORGANIZATIONS", "fabrikam", "ADO_PAT_PARAMETER", "/ado/pat",
                "RECONCILE_ENVIRONMENTS", " contoso/Platform/production , https://dev.azure.com/fabrikam/Web Site/test ",
                "RECONCILE_CONFIRM_MINUTES", "6", "RECONCILE_BOOT_GRACE_MINUTES", "20"));

        assertThat(config.reconcile()).isEqualTo(new ReconcileSettings(Duration.ofMinutes(6), Duration.ofMinutes(20),
                List.of(new Placement(OrganizationUrl.parse("contoso"), "Platform", "production", List.of()),
                        new Placement(OrganizationUrl.parse("fabrikam"), "Web Site", "test", List.of()))));
    }

    @Test
    void namesABadEnvironmentToReconcile() {
        Map<String, String> base = Map.of("TABLE_NAME", "records", "ADO_ORGANIZATION_URL", "contoso",
                "ADO_PAT_PARAMETER", "/ado/pat");

        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "RECONCILE_ENVIRONMENTS", "Platform/production")))
                .hasMessageContaining("RECONCILE_ENVIRONMENTS: 'Platform/production' is not organization/project/environment");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "RECONCILE_ENVIRONMENTS", "contoso/Platform/ ")))
                .hasMessageContaining("is not organization/project/environment");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "RECONCILE_ENVIRONMENTS", "tailspin/Platform/production")))
                .hasMessageContaining("organization https://dev.azure.com/tailspin is not configured");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "RECONCILE_CONFIRM_MINUTES", "0")))
                .hasMessageContaining("RECONCILE_CONFIRM_MINUTES must be a positive whole number");
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(name, value);
        return env;
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
