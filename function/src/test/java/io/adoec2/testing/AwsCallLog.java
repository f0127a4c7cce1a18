package io.adoec2.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The requests the function's AWS adapters send, as {@code service:Action} (for example
 * {@code ec2:DescribeInstances}), recorded on their way to moto: what batching tests count.
 */
public final class AwsCallLog implements SdkHttpClient {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]*)");

    private final SdkHttpClient delegate;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public AwsCallLog(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        calls.add(service(request) + ":" + action(request));
        return delegate.prepareRequest(request);
    }

    /** How many requests of this kind were sent, e.g. {@code count("ec2:DescribeInstances")}. */
    public long count(String call) {
        synchronized (calls) {
            return calls.stream().filter(call::equals).count();
        }
    }

    @Override
    public String clientName() {
        return "recording-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static String service(HttpExecuteRequest request) {
        return request.httpRequest().firstMatchingHeader("Authorization").map(SCOPE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).orElse("unsigned");
    }

    /** The JSON protocol names the operation in a header; the Query protocol in the form body. */
    private static String action(HttpExecuteRequest request) {
        return request.httpRequest().firstMatchingHeader("X-Amz-Target")
                .map(target -> target.substring(target.indexOf('.') + 1))
                .orElseGet(() -> request.contentStreamProvider().map(body -> {
                    try (InputStream in = body.newStream()) {
                        Matcher action = ACTION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        return action.find() ? URLDecoder.decode(action.group(1), StandardCharsets.UTF_8) : "unknown";
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse("unknown"));
    }
}
