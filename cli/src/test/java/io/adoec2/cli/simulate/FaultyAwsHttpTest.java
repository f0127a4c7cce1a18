package io.adoec2.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.JdkAwsHttp;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.localaws.MotoServer;
import io.adoec2.testing.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults injected under the function's DynamoDB adapter, against moto: they must be what the
 * adapter meets in AWS (throttling it knows as such, a conditional write that loses), and only
 * while an invocation runs.
 */
class FaultyAwsHttpTest {
    private static final Instant NOW = Instant.parse("2026-01-01T08:00:00Z");
    private static final CredentialsSource CREDENTIALS =
            CredentialsSource.fixed(Credentials.of("testing", "testing"));

    private final String table = LocalAws.unique("chaos");
    private final VirtualClock clock = new VirtualClock(NOW);
    private AwsClients direct;
    private AwsClients faulty;
    private Chaos chaos;
    private Invocations invocations;

    @BeforeEach
    void pointAtMoto() {
        System.setProperty("aws.endpointUrl", MotoServer.shared().endpoint().toString());
        direct = new AwsClients(LocalAws.REGION, CREDENTIALS);
        DynamoDbRegistrationStore.createTable(direct.dynamoDb(), table);
    }

    @AfterEach
    void close() {
        faulty.close();
        direct.close();
    }

    /** The store as the function sees it, under one kind of fault striking every time it can. */
    private DynamoDbRegistrationStore storeUnder(FaultKind kind) {
        chaos = new Chaos(new ChaosSettings(0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0,
                Duration.ZERO, rate(kind, FaultKind.DYNAMODB_THROTTLED), rate(kind, FaultKind.CONDITIONAL_WRITE_RACE),
                0, 0, rate(kind, FaultKind.HANDLER_DIED), 0, 0, 0), 1);
        invocations = new Invocations(chaos, () -> 0, clock);
        faulty = new AwsClients(LocalAws.REGION, CREDENTIALS, new FaultyAwsHttp(JdkAwsHttp.create(),
                chaos, invocations, new CompetingWriter(direct.dynamoDb())));
        return new DynamoDbRegistrationStore(faulty.dynamoDb(), table);
    }

    private static double rate(FaultKind kind, FaultKind of) {
        return kind == of ? 1 : 0;
    }

    private InstanceRecord tombstone(String instanceId) {
        return InstanceRecord.tombstone(instanceId, Optional.of("ado-agents"), NOW, Duration.ofDays(1));
    }

    @Test
    void throttlingIsWhatTheAdapterKnowsAsThrottlingAndOnlyHitsInvocations() {
        DynamoDbRegistrationStore store = storeUnder(FaultKind.DYNAMODB_THROTTLED);
        assertThat(store.find("i-0123456789abcdef0")).as("outside an invocation nothing is injected").isEmpty();

        invocations.begin();
        assertThatThrownBy(() -> store.find("i-0123456789abcdef0"))
                .hasMessageContaining("DynamoDB GetItem")
                .cause().isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorCode()).get().isIn("ProvisionedThroughputExceededException",
                            "ThrottlingException");
                });
        invocations.end();

        assertThat(chaos.tally().snapshot().get(FaultKind.DYNAMODB_THROTTLED)).as("every attempt of the call")
                .isEqualTo(3);
    }

    @Test
    void aRaceMakesTheConditionalWriteLoseToTheOtherWriter() {
        DynamoDbRegistrationStore store = storeUnder(FaultKind.CONDITIONAL_WRITE_RACE);
        DynamoDbRegistrationStore asItIs = new DynamoDbRegistrationStore(direct.dynamoDb(), table);
        InstanceRecord first = tombstone("i-0aaaaaaaaaaaaaaaa");
        asItIs.create(first);

        invocations.begin();
        boolean created = store.create(tombstone("i-0bbbbbbbbbbbbbbbb"));
        boolean updated = store.update(first.deregistered(NOW.plusSeconds(60), Duration.ofDays(1)));
        invocations.end();

        assertThat(created).as("another delivery created it first").isFalse();
        assertThat(asItIs.find("i-0bbbbbbbbbbbbbbbb")).isPresent();
        assertThat(updated).as("another writer moved the version on").isFalse();
        assertThat(asItIs.find("i-0aaaaaaaaaaaaaaaa")).get()
                .satisfies(record -> assertThat(record.version()).isEqualTo(first.version() + 1))
                .satisfies(record -> assertThat(record.updatedAt()).isEqualTo(first.updatedAt()));
        assertThat(chaos.tally().snapshot().get(FaultKind.CONDITIONAL_WRITE_RACE)).isEqualTo(2);
    }

    @Test
    void anInvocationDiesAfterAFewCallsAndItsEnvironmentFindsTimeAsTheTimelineHasIt() {
        DynamoDbRegistrationStore store = storeUnder(FaultKind.HANDLER_DIED);

        invocations.begin();
        clock.pass(Duration.ofSeconds(30));
        int calls = 0;
        try {
            while (calls < 10) {
                store.find("i-0123456789abcdef0");
                calls++;
            }
        } catch (InvocationDied died) {
            assertThat(died).hasMessageContaining("died after " + (calls + 1) + " call(s)");
        } finally {
            invocations.end();
        }

        assertThat(calls).as("it died after one to five calls").isBetween(0, 4);
        assertThat(chaos.tally().snapshot().get(FaultKind.HANDLER_DIED)).isEqualTo(1);
        assertThat(clock.instant()).as("its waiting ended with it").isEqualTo(NOW);
        assertThat(store.find("i-0123456789abcdef0")).as("outside an invocation nothing dies").isEmpty();
    }
}
