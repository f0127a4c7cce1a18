package io.adoec2.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.AwsService;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.aws.call.SignedPost;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.lifecycle.InstanceState;
import io.adoec2.testing.Ec2Fixtures;
import io.adoec2.testing.LocalAws;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Ec2InstancesTest {

    /** A well-formed id no fixture has (moto's ids are 17 random hex digits; these end in "dead..."). */
    private static final String UNKNOWN_ID = "i-0000000000000dead";

    private final AwsClients clients = LocalAws.clients();
    private final Ec2Fixtures fixtures = new Ec2Fixtures(clients);
    private final Ec2Instances instances = new Ec2Instances(clients.ec2());

    @Test
    void readsTheTagsOfAnInstance() {
        String environment = LocalAws.unique("env");
        String id = fixtures.runInstances(1, Map.of(
                "ado:environment", environment, "ado:resource-tags", "web,blue", "Name", "web 1")).getFirst();

        assertThat(instances.of(id)).hasValueSatisfying(tags -> assertThat(tags).containsOnly(
                entry("ado:environment", environment), entry("ado:resource-tags", "web,blue"),
                entry("Name", "web 1")));
    }

    @Test
    void anInstanceWithoutTagsHasAnEmptyMap() {
        String id = fixtures.runInstances(1, Map.of("short-lived", "yes")).getFirst();
        fixtures.deleteTag(id, "short-lived");

        assertThat(instances.of(id)).contains(Map.of());
    }

    @Test
    void aTerminatedInstanceIsStillKnownWithItsTags() {
        String environment = LocalAws.unique("env");
        String id = fixtures.runInstances(1, Map.of("ado:environment", environment)).getFirst();
        fixtures.terminate(id);

        assertThat(instances.of(id)).contains(Map.of("ado:environment", environment));
        assertThat(instances.states(List.of(id))).containsExactly(entry(id, InstanceState.TERMINATED));
    }

    @Test
    void anUnknownInstanceHasNoTags() {
        assertThat(instances.of(UNKNOWN_ID)).isEmpty();
    }

    @Test
    void idsThatAreNotInstanceIdsAreNeverSentToEc2() throws IOException {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        Ec2Instances unreachable = new Ec2Instances(new AwsQueryCall(new SignedPost(JdkAwsHttp.create(),
                CredentialsSource.fixed(Credentials.of("testing", "testing")),
                LocalAws.REGION, AwsService.EC2, closedPort), AwsClients.EC2_API_VERSION));

        assertThat(unreachable.of("i-*")).isEmpty();
        assertThat(unreachable.states(List.of("i-*", "web-01", "i-123"))).containsOnly(
                entry("i-*", InstanceState.NOT_FOUND), entry("web-01", InstanceState.NOT_FOUND),
                entry("i-123", InstanceState.NOT_FOUND));
    }

    @Test
    void anAutoScalingInstanceCarriesItsGroupsPropagatedTags() {
        String group = LocalAws.unique("asg");
        String environment = LocalAws.unique("env");
        String id = fixtures.autoScalingGroupInstance(group, Map.of("ado:environment", environment));

        assertThat(instances.of(id)).hasValueSatisfying(tags -> assertThat(tags)
                .contains(entry("aws:autoscaling:groupName", group), entry("ado:environment", environment)));
    }

    @Test
    void statesOf1200IdsTakeSeveralRequests() {
        List<String> running = fixtures.runInstances(250, Map.of());
        String terminated = running.getLast();
        fixtures.terminate(terminated);
        List<String> unknown = IntStream.range(0, 950).mapToObj(i -> String.format("i-%017x", 0xdead0000L + i)).toList();
        List<String> asked = new ArrayList<>(running);
        asked.addAll(unknown);
        Collections.shuffle(asked, new Random(7));

        Map<String, InstanceState> states = instances.states(asked);

        assertThat(states).hasSize(1200);
        assertThat(running.subList(0, 249)).allSatisfy(id -> assertThat(states).containsEntry(id, InstanceState.RUNNING));
        assertThat(states).containsEntry(terminated, InstanceState.TERMINATED);
        assertThat(unknown).allSatisfy(id -> assertThat(states).containsEntry(id, InstanceState.NOT_FOUND));
    }

    @Test
    void followsEveryPageOfEveryBatch() {
        List<String> running = fixtures.runInstances(12, Map.of());
        Ec2Instances smallPages = new Ec2Instances(clients.ec2(), 7, 5);

        Map<String, InstanceState> states = smallPages.states(running);

        assertThat(states).hasSize(12).allSatisfy((id, state) -> assertThat(state).isEqualTo(InstanceState.RUNNING));
    }

    @Test
    void anErrorFromEc2NamesItsCode() {
        assertThat(catchThrowableOfType(AwsCallException.class,
                () -> clients.ec2().call("DescribeInstances", Map.of("InstanceId.1", UNKNOWN_ID))))
                .satisfies(e -> {
                    assertThat(e.errorCode()).contains("InvalidInstanceID.NotFound");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e).hasMessageContaining("EC2 DescribeInstances failed")
                            .hasMessageContaining("InvalidInstanceID.NotFound").hasMessageContaining(UNKNOWN_ID);
                });
    }
}
