package io.adoec2.lifecycle;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Azure DevOps organization's URL in one canonical form (no trailing slash, lower-case
 * host), so that "acme", "https://dev.azure.com/acme/" and "https://dev.azure.com/acme" are
 * one organization. Plain http is accepted only for loopback addresses (the simulator).
 */
public record OrganizationUrl(URI uri) {

    private static final Pattern ORGANIZATION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,49}");

    public static OrganizationUrl parse(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("organization is empty");
        }
        if (ORGANIZATION_NAME.matcher(text).matches()) {
            return new OrganizationUrl(URI.create("https://dev.azure.com/" + text));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("organization '" + Printable.of(text)
                    + "' is neither an organization name nor a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
            throw new IllegalArgumentException("organization URL '" + Printable.of(text)
                    + "' must use https (http only on a loopback address)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("organization URL '" + Printable.of(text)
                    + "' must not carry a query, fragment or user info");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return new OrganizationUrl(URI.create(scheme + "://" + host + port + path));
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
