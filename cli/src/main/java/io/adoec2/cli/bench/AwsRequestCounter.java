package io.adoec2.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/** Counts the requests the function's AWS adapters send, by the service their signature names (ec2, dynamodb, ...). */
final class AwsRequestCounter implements SdkHttpClient {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final SdkHttpClient delegate;
    private final Map<String, Long> byService = new TreeMap<>();

    AwsRequestCounter(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String service = request.httpRequest().firstMatchingHeader("Authorization").map(SCOPE::matcher)
                .filter(Matcher::find).map(scope -> scope.group(1)).orElse("unsigned");
        synchronized (byService) {
            byService.merge(service, 1L, Long::sum);
        }
        return delegate.prepareRequest(request);
    }

    /** Requests sent so far, by service. */
    Map<String, Long> byService() {
        synchronized (byService) {
            return new TreeMap<>(byService);
        }
    }

    @Override
    public String clientName() {
        return "counting-" + delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
