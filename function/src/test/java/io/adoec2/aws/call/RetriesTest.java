package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.retry.Deadline;
import io.adoec2.retry.DeadlineReachedException;
import io.adoec2.retry.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the request layer treats answers moto does not give on demand (throttling, 5xx, bodies
 * that are not XML), played by a local HTTP server with scripted answers.
 */
class RetriesTest {

    private static final String EC2_THROTTLED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>""";
    private static final String EC2_OK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>2</requestId><reservationSet/></DescribeInstancesResponse>""";

    private record Answer(int status, String body) {
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private AwsHttp http;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Answer answer = script.isEmpty() ? new Answer(500, "script ran out") : script.poll();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        http = JdkAwsHttp.create();
    }

    @AfterEach
    void stopServer() {
        http.close();
        server.stop(0);
    }

    @Test
    void retriesThrottlingAndServerFaultsThenSucceeds() {
        script.addAll(List.of(new Answer(503, EC2_THROTTLED), new Answer(500, "<html>bad gateway</html>"), new Answer(200, EC2_OK)));

        XmlNode answer = ec2().call("DescribeInstances", Map.of());

        assertThat(answer.name()).isEqualTo("DescribeInstancesResponse");
        assertThat(requests).hasValue(3);
    }

    @Test
    void givesUpAfterThreeAttemptsWithTheLastError() {
        script.addAll(List.of(new Answer(503, EC2_THROTTLED), new Answer(503, EC2_THROTTLED), new Answer(503, EC2_THROTTLED)));

        AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> ec2().call("DescribeInstances", Map.of()));

        assertThat(requests).hasValue(Retries.POLICY.maxAttempts());
        assertThat(e.errorCode()).contains("RequestLimitExceeded");
        assertThat(e).hasMessage(
                "EC2 DescribeInstances failed: RequestLimitExceeded (HTTP 503, request id 1): Request limit exceeded.");
        assertThat(e.requestId()).contains("1");
        assertThat(e.isThrottling()).isTrue();
    }

    @Test
    void aBare429IsThrottlingAndRetried() {
        script.addAll(List.of(new Answer(429, "Too Many Requests"), new Answer(200, EC2_OK)));

        XmlNode answer = ec2().call("DescribeInstances", Map.of());

        assertThat(answer.name()).isEqualTo("DescribeInstancesResponse");
        assertThat(requests).hasValue(2);
    }

    @Test
    void throttlingBacksOffLongerThanAServerFault() {
        List<Duration> waits = new ArrayList<>();
        Deque<AwsCallException> failures = new ArrayDeque<>(List.of(
                AwsCallException.answered("EC2", "DescribeInstances", 503, "RequestLimitExceeded", "slow down",
                        Optional.empty()),
                AwsCallException.answered("EC2", "DescribeInstances", 500, "InternalError", "oops", Optional.empty())));
        RetryPolicy policy = RetryPolicy.aws();
        double halfway = 0.5;

        String answer = Retries.call(() -> {
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return "ok";
        }, policy, waits::add, Deadline.none());

        assertThat(answer).isEqualTo("ok");
        assertThat(waits).hasSize(2);
        // Full jitter draws below the ceiling: after throttling the first ceiling is 1 s, after a fault 200 ms.
        assertThat(waits.get(0)).isLessThan(Duration.ofSeconds(1));
        assertThat(waits.get(1)).isLessThan(Duration.ofMillis(200));
        assertThat(policy.backoff(1, true, halfway)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void noRetryWaitsPastTheInvocationsDeadline() {
        Deadline almostOver = Deadline.after(Clock.systemUTC(), Duration.ofMillis(5), Duration.ZERO);
        RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        List<Duration> waits = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        DeadlineReachedException e = catchThrowableOfType(DeadlineReachedException.class, () -> Retries.call(() -> {
            attempts.incrementAndGet();
            throw AwsCallException.answered("EC2", "DescribeInstances", 503, "RequestLimitExceeded", "slow down",
                    Optional.of("req-1"));
        }, slow, waits::add, almostOver));

        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(e).hasMessageContaining("RequestLimitExceeded").hasMessageContaining("req-1")
                .hasMessageContaining("deadline");
    }

    @Test
    void doesNotRetryAClientError() {
        script.add(new Answer(400, """
                {"__type":"com.amazonaws.ssm#ParameterNotFound","message":"Parameter /x not found."}"""));

        AwsCallException e = catchThrowableOfType(AwsCallException.class,
                () -> new AwsJsonCall(post(AwsService.SSM), AwsJsonCall.Version.JSON_1_1, "AmazonSSM").call("GetParameter", AwsJsonCall.request()));

        assertThat(requests).hasValue(1);
        assertThat(e.errorCode()).contains("ParameterNotFound");
        assertThat(e).hasMessage("SSM GetParameter failed: ParameterNotFound (HTTP 400): Parameter /x not found.");
    }

    @Test
    void anErrorBodyThatIsNotXmlIsQuotedBriefly() {
        script.add(new Answer(403, "Forbidden by a proxy"));

        AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> ec2().call("DescribeInstances", Map.of()));

        assertThat(e).hasMessage("EC2 DescribeInstances failed: Unknown (HTTP 403): Forbidden by a proxy");
    }

    @Test
    void aSuccessfulAnswerThatIsNotWellFormedNamesWhatWasWrongAndIsNotRetried() {
        script.add(new Answer(200, "<DescribeInstancesResponse><requestId>3</requestId><reservationSet>"));

        AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> ec2().call("DescribeInstances", Map.of()));

        assertThat(requests).hasValue(1);
        assertThat(e.errorCode()).contains("MalformedAnswer");
        assertThat(e).hasMessage("EC2 DescribeInstances failed: MalformedAnswer (HTTP 200): the answer is not"
                + " well-formed XML: the input ends inside <reservationSet> (line 1, column 68)");
    }

    @Test
    void anUnreachableEndpointIsNamed() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        AwsQueryCall nowhere = new AwsQueryCall(new SignedPost(http, credentials(), "eu-west-1", AwsService.EC2, closed), "2016-11-15");

        AwsCallException e = catchThrowableOfType(AwsCallException.class, () -> nowhere.call("DescribeInstances", Map.of()));

        assertThat(e.httpStatus()).isZero();
        assertThat(e).hasMessageStartingWith("EC2 DescribeInstances failed: no answer from " + closed);
    }

    private AwsQueryCall ec2() {
        return new AwsQueryCall(post(AwsService.EC2), "2016-11-15");
    }

    private SignedPost post(AwsService service) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new SignedPost(http, credentials(), "eu-west-1", service, endpoint);
    }

    private static CredentialsSource credentials() {
        return CredentialsSource.fixed(Credentials.of("testing", "testing"));
    }
}
