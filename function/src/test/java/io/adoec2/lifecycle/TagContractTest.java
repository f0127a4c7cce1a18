package io.adoec2.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TagContractTest {
    private static final OrganizationUrl DEFAULT = OrganizationUrl.parse("https://dev.azure.com/contoso");

    @Test
    void placesAnInstanceByItsTags() {
        Placement placement = TagContract.placementOf(Map.of(
                "AzDevOps-Project", " Platform ", "AzDevOps-Environment", "production",
                "AzDevOps-Environment-ResourceTags", "web, Linux,,linux , WEB,api"), DEFAULT).orElseThrow();

        assertThat(placement.organization()).isEqualTo(DEFAULT);
        assertThat(placement.project()).isEqualTo("Platform");
        assertThat(placement.environment()).isEqualTo("production");
        assertThat(placement.resourceTags()).containsExactly("web", "Linux", "api");
    }

    @Test
    void anInstanceWithoutTheTagsIsNotManaged() {
        assertThat(TagContract.placementOf(Map.of("Name", "web-1"), DEFAULT)).isEmpty();
    }

    @Test
    void theOrganizationTagTakesANameOrAUrl() {
        Map<String, String> byName = Map.of("AzDevOps-Project", "P", "AzDevOps-Environment", "E",
                "AzDevOps-Organization", "fabrikam");
        Map<String, String> byUrl = Map.of("AzDevOps-Project", "P", "AzDevOps-Environment", "E",
                "AzDevOps-Organization", "https://dev.azure.com/fabrikam/");

        assertThat(TagContract.placementOf(byName, DEFAULT).orElseThrow().organization())
                .isEqualTo(TagContract.placementOf(byUrl, DEFAULT).orElseThrow().organization())
                .hasToString("https://dev.azure.com/fabrikam");
    }

    @Test
    void anEmptyEnvironmentTagIsRejectedByName() {
        assertThatThrownBy(() -> TagContract.placementOf(
                Map.of("AzDevOps-Project", "Platform", "AzDevOps-Environment", "  "), DEFAULT))
                .isInstanceOf(InvalidTagsException.class)
                .hasMessageContaining("AzDevOps-Environment");
    }

    @Test
    void hostileValuesAreRejectedWithoutEchoingThemRaw() {
        String longName = "x".repeat(1024);
        assertThatThrownBy(() -> TagContract.placementOf(
                Map.of("AzDevOps-Project", longName, "AzDevOps-Environment", "E"), DEFAULT))
                .hasMessageContaining("AzDevOps-Project").hasMessageContaining("1024");
        assertThatThrownBy(() -> TagContract.placementOf(
                Map.of("AzDevOps-Project", "P", "AzDevOps-Environment", "prod\nFAKE LOG LINE"), DEFAULT))
                .hasMessageContaining("control characters").hasMessageNotContaining("\n");
    }

    @Test
    void anOrganizationTagPointingAnywhereButHttpsIsRejected() {
        assertThatThrownBy(() -> TagContract.placementOf(Map.of("AzDevOps-Project", "P",
                "AzDevOps-Environment", "E", "AzDevOps-Organization", "http://evil.example.com/org"), DEFAULT))
                .isInstanceOf(InvalidTagsException.class)
                .hasMessageContaining("https");
    }

    @Test
    void pathLikeNamesStayNames() {
        Placement placement = TagContract.placementOf(Map.of("AzDevOps-Project", "../other",
                "AzDevOps-Environment", "a%2Fb?c#d"), DEFAULT).orElseThrow();
        assertThat(placement.project()).isEqualTo("../other");
        assertThat(placement.environment()).isEqualTo("a%2Fb?c#d");
    }
}
