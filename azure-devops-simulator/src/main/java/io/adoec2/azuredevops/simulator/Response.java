package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What to send back: a status, headers, and a body (empty for none). */
record Response(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {

    private static final String JSON = "application/json; charset=utf-8";

    Response {
        headers = List.copyOf(headers);
    }

    static Response json(JsonNode body) {
        return json(200, body);
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), List.of());
    }

    static Response html(int status, String page) {
        return new Response(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static Response empty(int status) {
        return new Response(status, null, new byte[0], List.of());
    }

    Response withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Response(status, contentType, body, more);
    }
}
