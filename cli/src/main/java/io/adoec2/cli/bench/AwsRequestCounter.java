package io.adoec2.cli.bench;

import io.adoec2.aws.call.AwsHttp;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts the requests the function's AWS adapters send, by the service their signature names (ec2, dynamodb, ...). */
final class AwsRequestCounter implements AwsHttp {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final AwsHttp delegate;
    private final Map<String, Long> byService = new TreeMap<>();

    AwsRequestCounter(AwsHttp delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response send(Request request) throws IOException {
        String service = request.header("Authorization").map(SCOPE::matcher)
                .filter(Matcher::find).map(scope -> scope.group(1)).orElse("unsigned");
        synchronized (byService) {
            byService.merge(service, 1L, Long::sum);
        }
        return delegate.send(request);
    }

    /** Requests sent so far, by service. */
    Map<String, Long> byService() {
        synchronized (byService) {
            return new TreeMap<>(byService);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
