package io.adoec2.azuredevops;

import java.util.List;
import java.util.Optional;

/**
 * Filters for listing VM resources: exact name, tags (every tag must match), page size
 * (Azure DevOps default 1000) and the continuation token of the previous page.
 */
public record VmResourceQuery(Optional<String> name, List<String> tags, Optional<Integer> top,
                              Optional<String> continuationToken) {
    public VmResourceQuery {
        name.ifPresent(value -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException("a VM resource name filter must not be blank");
            }
        });
        tags = List.copyOf(tags);
        for (String tag : tags) {
            // Azure DevOps takes the tags as one comma-separated value and splits them on commas.
            if (tag.isBlank() || tag.contains(",")) {
                throw new IllegalArgumentException("a VM resource tag filter must be non-blank without commas, was '"
                        + tag + "'");
            }
        }
        top.ifPresent(value -> {
            if (value < 1) {
                throw new IllegalArgumentException("the page size (top) must be at least 1, was " + value);
            }
        });
    }

    public static VmResourceQuery all() {
        return new VmResourceQuery(Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public static VmResourceQuery named(String name) {
        return all().withName(name);
    }

    public VmResourceQuery withName(String value) {
        return new VmResourceQuery(Optional.of(value), tags, top, continuationToken);
    }

    public VmResourceQuery withTop(int value) {
        return new VmResourceQuery(name, tags, Optional.of(value), continuationToken);
    }

    public VmResourceQuery withContinuationToken(String value) {
        return new VmResourceQuery(name, tags, top, Optional.of(value));
    }
}
