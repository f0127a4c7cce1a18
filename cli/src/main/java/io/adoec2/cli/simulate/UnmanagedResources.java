package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimVm;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * VM resources registered by hand in the group's environment, made to tempt a reconciler that
 * judges by name: half are named after another team's instances (no AzDevOps tags), which are
 * terminated during the run, their agents going offline; a quarter are named like instance ids
 * EC2 never had, offline; the rest are build hosts that stay online. None may be deleted.
 */
final class UnmanagedResources {
    private final int count;
    private final SimEnvironment environment;
    private final Ec2Fleet otherTeam;
    private final DeletionAudit audit;
    private final Random random;

    UnmanagedResources(int count, SimEnvironment environment, Ec2Fleet otherTeam, DeletionAudit audit, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("the number of unmanaged resources must not be negative");
        }
        this.count = count;
        this.environment = environment;
        this.otherTeam = otherTeam;
        this.audit = audit;
        this.random = new Random(seed ^ 0x0dd5L);
    }

    /** Registers them now; the other team's instances go at {@code terminateAfterSeconds}. */
    void seed(Timeline timeline, double terminateAfterSeconds) {
        int namedAfterInstances = count / 2;
        int namedLikeInstances = count / 4;
        if (namedAfterInstances > 0) {
            List<String> instances = otherTeam.launch(namedAfterInstances);
            List<SimVm> vms = instances.stream().map(id -> register(id, false)).toList();
            timeline.afterSeconds(terminateAfterSeconds, () -> {
                otherTeam.terminate(instances);
                vms.forEach(vm -> environment.setAgentOnline(vm.resourceId(), false));
            });
        }
        for (int i = 0; i < namedLikeInstances; i++) {
            byte[] bytes = new byte[9];
            random.nextBytes(bytes);
            register("i-" + HexFormat.of().formatHex(bytes).substring(1), true);
        }
        for (int i = namedAfterInstances + namedLikeInstances; i < count; i++) {
            register(String.format("build-host-%02d", i), false);
        }
    }

    int count() {
        return count;
    }

    private SimVm register(String name, boolean offline) {
        SimVm vm = environment.registerVm(name, List.of("hand-made"));
        if (offline) {
            environment.setAgentOnline(vm.resourceId(), false);
        }
        audit.unmanaged(vm.resourceId());
        return vm;
    }
}
