package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Continuation-token paging over items in ascending id order: the token is the id of the first item of
 * the next page, sent in the {@code x-ms-continuationtoken} header only while more remain. Items created
 * or deleted between pages therefore never shift a page: nothing is skipped or repeated.
 */
final class Paging {

    static final String HEADER = "x-ms-continuationtoken";

    record Page<T>(List<T> items, Optional<String> continuationToken) {
    }

    private Paging() {
    }

    static <T> Page<T> page(List<T> ascendingById, ToIntFunction<T> id, Request request, int defaultTop) {
        int top = request.intQuery("$top").filter(value -> value > 0).orElse(defaultTop);
        int from = request.query("continuationToken").filter(token -> !token.isBlank())
                .map(Paging::parseToken).orElse(Integer.MIN_VALUE);
        List<T> items = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (T item : ascendingById) {
            if (id.applyAsInt(item) < from) {
                continue;
            }
            if (items.size() == top) {
                next = Optional.of(Integer.toString(id.applyAsInt(item)));
                break;
            }
            items.add(item);
        }
        return new Page<>(items, next);
    }

    static Response respond(Page<ObjectNode> page) {
        Response response = Response.json(JsonViews.list(page.items()));
        return page.continuationToken().map(token -> response.withHeader(HEADER, token)).orElse(response);
    }

    private static int parseToken(String token) {
        try {
            return Integer.parseInt(token.strip());
        } catch (NumberFormatException e) {
            throw AdoException.system(400, "ArgumentException",
                    "The continuationToken '" + token + "' is not valid; pass back the x-ms-continuationtoken"
                            + " header of the previous page.");
        }
    }
}
