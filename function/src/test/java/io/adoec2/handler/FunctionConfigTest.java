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

    @Test
    void readsEachAuthModeAndRefusesSettingsOfAnotherMode() {
        Map<String, String> base = Map.of("TABLE_NAME", "records", "ADO_ORGANIZATION_URL", "contoso");
        Map<String, String> app = with(with(base, "ENTRA_TENANT_ID", "contoso.onmicrosoft.com"), "ENTRA_CLIENT_ID",
                "0a79cf9a-0993-47e2-a703-b44910af4de2");

        FunctionConfig federated = FunctionConfig.fromEnvironment(with(app, "ADO_AUTH_MODE", "workload-identity"));
        assertThat(federated.auth().mode()).isEqualTo(AuthMode.WORKLOAD_IDENTITY);
        assertThat(federated.auth().federationAudience()).isEqualTo("api://AzureADTokenExchange");
        assertThat(federated.auth().app().orElseThrow().tokenEndpoint()).hasToString(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        FunctionConfig sovereign = FunctionConfig.fromEnvironment(with(with(with(app, "ADO_AUTH_MODE",
                "service-principal"), "ENTRA_CLIENT_SECRET_PARAMETER", "/ado/sp"), "ENTRA_AUTHORITY_URL",
                "https://login.microsoftonline.us/"));
        assertThat(sovereign.auth().app().orElseThrow().tokenEndpoint()).hasToString(
                "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token");

        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "ADO_AUTH_MODE", "sp")))
                .hasMessageContaining("ADO_AUTH_MODE must be one of pat, service-principal, workload-identity, not 'sp'");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(app, "ADO_AUTH_MODE", "service-principal")))
                .hasMessageContaining("needs exactly one of ENTRA_CLIENT_SECRET_PARAMETER and ENTRA_CLIENT_CERTIFICATE_PARAMETER");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(with(app, "ADO_AUTH_MODE", "workload-identity"),
                "ADO_PAT_PARAMETER", "/ado/pat")))
                .hasMessageContaining("ADO_PAT_PARAMETER is set but ADO_AUTH_MODE is workload-identity");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(base, "ADO_AUTH_MODE", "workload-identity")))
                .hasMessageContaining("ENTRA_TENANT_ID is not set").hasMessageContaining("ENTRA_CLIENT_ID is not set");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(with(app, "ADO_AUTH_MODE", "workload-identity"),
                "ENTRA_ASSERTION_SECONDS", "7200")))
                .hasMessageContaining("ENTRA_ASSERTION_SECONDS must be 60 to 3600");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(with(with(app, "ADO_AUTH_MODE", "workload-identity"),
                "ENTRA_TENANT_ID", "evil/../x")))
                .hasMessageContaining("ENTRA_TENANT_ID must be a GUID");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(base))
                .hasMessageContaining("ADO_PAT_PARAMETER is not set (ADO_AUTH_MODE is pat)");
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
