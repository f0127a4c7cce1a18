package io.adoec2.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void answersOnLoopbackAndLeavesNoProcessBehindWhenClosed() {
        URI endpoint;
        try (MotoServer server = MotoServer.start()) {
            endpoint = server.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(statusOf(endpoint.resolve("/moto-api/"))).isEqualTo(200);
        }
        assertThat(statusOf(endpoint.resolve("/moto-api/"))).as("status after close").isEqualTo(-1);
        String portArgument = " -p " + endpoint.getPort();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(portArgument)))
                .as("processes still serving port %d", endpoint.getPort())
                .isEmpty();
    }

    @Test
    void sharedServerIsOnePerJvm() {
        assertThat(MotoServer.shared()).isSameAs(MotoServer.shared());
    }

    private static int statusOf(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException refused) {
            return -1;
        }
    }
}
