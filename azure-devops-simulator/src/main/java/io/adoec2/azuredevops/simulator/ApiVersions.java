package io.adoec2.azuredevops.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api-version rules of dev.azure.com: 7.1 is the latest released version and 7.2 the latest preview;
 * a resource still in preview needs "-preview" ("-preview.N" pins its revision). A GET without any
 * version is served at the latest version, as a browser address bar shows, and so is the OPTIONS of
 * location discovery (the SDKs send it with a bare "Accept: application/json"); other methods must name one.
 * The version may also come as a parameter of the Accept header.
 */
final class ApiVersions {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(-preview(\\.\\d+)?)?");
    private static final Pattern IN_ACCEPT = Pattern.compile("api-version=([^;,\\s]+)");
    private static final int LATEST_RELEASED = 71;
    private static final int LATEST_PREVIEW = 72;
    private static final int EARLIEST = 50;

    private ApiVersions() {
    }

    static void check(Request request, boolean previewOnly) {
        Optional<String> requested = request.query("api-version")
                .or(() -> request.header("Accept").flatMap(ApiVersions::fromAccept));
        if (requested.isEmpty() || requested.get().isBlank()) {
            if (request.method().equals("GET") || request.method().equals("OPTIONS")) {
                return;
            }
            throw AdoException.webApi(400, "VssVersionNotSpecifiedException",
                    "No api-version was supplied for the \"" + request.method() + "\" request. The version must be"
                            + " supplied either as part of the Accept header (e.g. \"application/json; api-version=1.0\")"
                            + " or as a query parameter (e.g. \"?api-version=1.0\").");
        }
        String version = requested.get().strip();
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            throw AdoException.system(400, "ArgumentException", "The api-version '" + version
                    + "' is not valid: use MAJOR.MINOR, optionally with -preview or -preview.N (e.g. 7.1, 7.2-preview.1).");
        }
        String number = matcher.group(1) + "." + matcher.group(2);
        int scaled = Integer.parseInt(matcher.group(1)) * 10 + Math.min(9, Integer.parseInt(matcher.group(2)));
        if (scaled > LATEST_PREVIEW || scaled < EARLIEST) {
            throw AdoException.webApi(400, "VssVersionOutOfRangeException", "The requested REST API version of "
                    + number + " is out of range for this server. The latest REST API version this server supports is "
                    + "7.2.");
        }
        boolean preview = matcher.group(3) != null;
        if (!preview && (previewOnly || scaled > LATEST_RELEASED)) {
            throw AdoException.webApi(400, "VssInvalidPreviewVersionException", "The requested version \"" + number
                    + "\" of the resource is under preview. The -preview flag must be supplied in the api-version for"
                    + " such requests. For example: \"" + number + "-preview\"");
        }
    }

    private static Optional<String> fromAccept(String accept) {
        Matcher matcher = IN_ACCEPT.matcher(accept);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
