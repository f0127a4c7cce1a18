package io.adoec2.azuredevops.simulator;

import java.util.List;

/** A snapshot of one VM resource and the pool agent behind it. */
public record SimVm(int resourceId, String name, List<String> tags, int agentId, boolean online, boolean enabled,
        boolean busy) {

    public SimVm {
        tags = List.copyOf(tags);
    }
}
