package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adoec2.azuredevops.simulator.DeletionModel;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary a user reads: every invariant a count of violations, every fault kind a count, and the seed. */
class ReportTest {

    private static Report report(int stuckRecords, FaultTally faults) {
        return report(stuckRecords, 0, faults);
    }

    private static Report report(int stuckRecords, int poolAgentsLeft, FaultTally faults) {
        return new Report(7, true, DeletionModel.PESSIMISTIC, 40, 38, 2, 38, 40, 0, poolAgentsLeft, 0, 0, 0, 80, 0,
                stuckRecords, 2, 2, 0, 1, 6,
                new ReconcileRuns(12, 0, 1, 0, 1, 20), faults.snapshot(), 120, Map.of("Vmresource_Delete", 40L),
                3600, 4000, 9000, Report.AuthSummary.PAT);
    }

    @Test
    void aRecordLeftInAStateThatIsNotFinalIsAViolationAndTheTextSaysHowToReplayIt() {
        Report report = report(1, new FaultTally());

        assertThat(report.invariantsHeld()).isFalse();
        assertThat(report.toText()).contains("(seed 7, chaos)", "stuck records", "<- violation",
                "replay with the same options and --seed 7");
    }

    @Test
    void theSummarySaysWhichLifecyclesWereReplacementsAndSetUpApartFromSimulation() throws IOException {
        Report report = report(0, new FaultTally());

        assertThat(report.toText()).startsWith("Simulated 40 instance lifecycles (seed 7, chaos) against the "
                + "pessimistic deletion model: 38 launched, 2 replacements of instances gone before they served "
                + "(2 abandoned launches): 3600 s of Auto Scaling in 9.0 s, after 4.0 s of set-up");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("instances").asInt()).isEqualTo(40);
        assertThat(json.path("launched").asInt()).isEqualTo(38);
        assertThat(json.path("replacements").asInt()).isEqualTo(2);
        assertThat(json.path("setupMs").asLong()).isEqualTo(4000);
        assertThat(json.path("simulationMs").asLong()).isEqualTo(9000);
        assertThat(json.path("durationMs").asLong()).isEqualTo(13000);
    }

    @Test
    void anAgentLeftInThePoolForATerminatedInstanceIsAViolation() throws IOException {
        Report report = report(0, 2, new FaultTally());
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(report.invariantsHeld()).isFalse();
        assertThat(report.toText()).contains("pessimistic deletion model", "pool agents left");
        assertThat(json.path("poolAgentsLeft").asInt()).isEqualTo(2);
        assertThat(json.path("deletionModel").asText()).isEqualTo("pessimistic");
    }

    @Test
    void theJsonCountsEveryFaultKindZeroIncluded() throws IOException {
        FaultTally faults = new FaultTally();
        faults.count(FaultKind.HANDLER_DIED);
        faults.add(FaultKind.ADO_THROTTLED, 3);

        JsonNode json = new ObjectMapper().readTree(report(0, faults).toJson());

        assertThat(json.path("invariantsHeld").asBoolean()).isTrue();
        assertThat(json.path("stuckRecords").asInt()).isZero();
        assertThat(json.path("faultsInjected").size()).isEqualTo(FaultKind.values().length);
        assertThat(json.path("faultsInjected").path("handlerDied").asInt()).isEqualTo(1);
        assertThat(json.path("faultsInjected").path("adoThrottled").asInt()).isEqualTo(3);
        assertThat(json.path("faultsInjected").path("tagsGoneAtTerminate").asInt()).isZero();
        assertThat(json.path("seed").asLong()).isEqualTo(7);
    }
}
