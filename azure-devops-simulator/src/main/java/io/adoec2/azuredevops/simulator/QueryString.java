package io.adoec2.azuredevops.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query parameters as ASP.NET binds them: names ignore case, '+' means a space, the first value of a
 * repeated name wins.
 */
final class QueryString {

    private QueryString() {
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(Names.key(name), value);
        }
        return parameters;
    }

    private static String decode(String raw) {
        return PathSegments.percentDecode(raw.replace('+', ' '));
    }
}
