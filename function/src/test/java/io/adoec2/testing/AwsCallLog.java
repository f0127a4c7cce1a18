package io.adoec2.testing;

import io.adoec2.aws.call.AwsHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the function's AWS adapters send, as {@code service:Action} (for example
 * {@code ec2:DescribeInstances}), recorded on their way to moto: what batching tests count.
 */
public final class AwsCallLog implements AwsHttp {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]*)");

    private final AwsHttp delegate;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public AwsCallLog(AwsHttp delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response send(Request request) throws IOException {
        calls.add(service(request) + ":" + action(request));
        return delegate.send(request);
    }

    /** How many requests of this kind were sent, e.g. {@code count("ec2:DescribeInstances")}. */
    public long count(String call) {
        synchronized (calls) {
            return calls.stream().filter(call::equals).count();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static String service(Request request) {
        return request.header("Authorization").map(SCOPE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).orElse("unsigned");
    }

    /** The JSON protocol names the operation in a header; the Query protocol in the form body. */
    private static String action(Request request) {
        return request.header("X-Amz-Target")
                .map(target -> target.substring(target.indexOf('.') + 1))
                .orElseGet(() -> {
                    Matcher action = ACTION.matcher(new String(request.body(), StandardCharsets.UTF_8));
                    return action.find() ? URLDecoder.decode(action.group(1), StandardCharsets.UTF_8) : "unknown";
                });
    }
}
