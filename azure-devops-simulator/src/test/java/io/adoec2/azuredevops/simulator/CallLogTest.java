package io.adoec2.azuredevops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallLogTest {

    @Test
    void aReaderFollowingTheLogGetsEachCallOnceInOrder() {
        CallLog log = new CallLog();
        Call first = new Call("pat", "GET", "Pool_Get", "/p/1", 200);
        Call second = new Call("pat", "DELETE", "Vmresource_Delete", "/r/7", 204);
        Call third = new Call("pat", "DELETE", "Vmresource_Delete", "/r/8", 404);
        log.record(first);
        List<Call> read = log.since(0);
        log.record(second);
        log.record(third);

        assertThat(read).containsExactly(first);
        assertThat(log.since(read.size())).containsExactly(second, third);
        assertThat(log.since(3)).isEmpty();
        assertThat(log.all()).containsExactly(first, second, third);
    }
}
