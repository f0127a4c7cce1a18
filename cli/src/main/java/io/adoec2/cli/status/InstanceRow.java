package io.adoec2.cli.status;

import io.adoec2.azuredevops.Agent;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.InstanceState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code status}: an instance (or a VM resource named like one) in one environment.
 *
 * @param record    empty for a resource no record places, or a live instance whose launch was never seen
 * @param resources the VM resources the instance has in the environment (normally one)
 * @param age       since its record was written, else since its VM resource was
 * @param detail    why the drift was named, empty without drift
 */
public record InstanceRow(String instanceId, InstanceState ec2State, Optional<InstanceRecord> record,
                          List<VmResource> resources, Duration age, Optional<Drift> drift, String detail) {

    public InstanceRow {
        resources = List.copyOf(resources);
    }

    public Optional<Agent> agent() {
        return resources.stream().flatMap(resource -> resource.agent().stream()).findFirst();
    }

    public boolean registered() {
        return !resources.isEmpty();
    }
}
