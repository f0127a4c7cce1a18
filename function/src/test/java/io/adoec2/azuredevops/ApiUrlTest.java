package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiUrlTest {

    private static final String BASE = "https://dev.azure.com/acme";

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "Ünïcødé 名前", "+plus+", "semi;colon", "a=b", "it's",
            "emoji 🚀", "a.b", "..x", "~tilde"})
    void aNameStaysOnePathSegmentEvenAfterTheServerDecodesThePath(String name) {
        URI uri = ApiUrl.under(BASE).route("_apis/projects").segment(name).build("7.1");

        assertThat(uri.getRawQuery()).isEqualTo("api-version=7.1");
        assertThat(uri.getRawFragment()).isNull();
        // Azure DevOps' front end decodes the whole path, then splits it: still one segment, the name.
        String decodedPath = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        assertThat(decodedPath).isEqualTo("/acme/_apis/projects/" + name);
        assertThat(uri.normalize()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../other", "..", ".", "a?b=c", "100%", "a%2Fb", "x#frag", "R&D", "a:b", "a*",
            "<a>", "a\\b", "tab\there", ""})
    void aValueTheServerWouldReRouteIsNeverSentAsAPathSegment(String value) {
        ApiUrl url = ApiUrl.under(BASE).route("_apis/projects");

        assertThatThrownBy(() -> url.segment(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "a&b=c", "x#y", "a,b", "100%", "?", "名前", "+"})
    void aHostileQueryValueStaysOneValue(String value) {
        URI uri = ApiUrl.under(BASE).route("_apis/x").query("name", value).build("7.1");

        String[] parameters = uri.getRawQuery().split("&");
        assertThat(parameters).hasSize(2);
        assertThat(parameters[0]).startsWith("name=");
        assertThat(URLDecoder.decode(parameters[0].substring(5), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(parameters[1]).isEqualTo("api-version=7.1");
    }

    @Test
    void spacesAreEncodedAsPercentTwentyNotPlus() {
        assertThat(ApiUrl.encode("a b+c")).isEqualTo("a%20b%2Bc");
    }

    @Test
    void unreservedCharactersAreKept() {
        assertThat(ApiUrl.encode("Az09-._~")).isEqualTo("Az09-._~");
        assertThat(ApiUrl.isSafeSegment("v1.2")).isTrue();
    }

    @Test
    void fixedRouteAndIdsAreWrittenAsGiven() {
        URI uri = ApiUrl.under("http://127.0.0.1:8080/acme").segment("6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c")
                .route("_apis/pipelines/environments").segment(7).route("providers/virtualmachines")
                .query("$top", "1000").build("7.2-preview.1");

        assertThat(uri).hasToString("http://127.0.0.1:8080/acme/6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c"
                + "/_apis/pipelines/environments/7/providers/virtualmachines?$top=1000&api-version=7.2-preview.1");
    }
}
