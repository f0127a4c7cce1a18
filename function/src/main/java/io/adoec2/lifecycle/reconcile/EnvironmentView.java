package io.adoec2.lifecycle.reconcile;

import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.ResolvedEnvironment;
import java.util.List;

/**
 * What a pass saw of one managed environment: its VM resources that a record places there
 * (managed), and those no record does (unmanaged: never touched).
 */
public record EnvironmentView(ResolvedEnvironment environment, List<VmResource> managedResources,
                              List<VmResource> unmanagedResources) {

    public EnvironmentView {
        managedResources = List.copyOf(managedResources);
        unmanagedResources = List.copyOf(unmanagedResources);
    }

    public int resources() {
        return managed() + unmanaged();
    }

    public int managed() {
        return managedResources.size();
    }

    public int unmanaged() {
        return unmanagedResources.size();
    }
}
