package io.adoec2.azuredevops;

import java.util.List;
import java.util.Optional;

/** One page of a listing; the token (from the x-ms-continuationtoken header) fetches the next. */
public record Page<T>(List<T> items, Optional<String> continuationToken) {
    public Page {
        items = List.copyOf(items);
    }
}
