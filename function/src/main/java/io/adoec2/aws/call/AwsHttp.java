package io.adoec2.aws.call;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one signed request to an AWS endpoint and hands back the answer, whatever its status: the
 * seam under the AWS adapters. {@link JdkAwsHttp} sends through java.net.http; tests, the bench
 * and {@code simulate} wrap it to count, record or fail requests.
 */
public interface AwsHttp extends AutoCloseable {

    /** @throws IOException when no answer came: refused or reset connection, timeout, unreadable answer */
    Response send(Request request) throws IOException;

    @Override
    default void close() {
    }

    /**
     * A POST, signed: its headers carry Authorization, X-Amz-Date and any session token, but not
     * Host or Content-Length, which the HTTP client writes (Host as {@code SigV4Signer.host} signed it).
     */
    record Request(URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** A header's value, its name matched regardless of case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst();
        }

        /** The URI and header names only: the values hold the signature and the session token. */
        @Override
        public String toString() {
            return "Request[POST " + uri + ", headers=" + headers.keySet() + ", " + body.length + " bytes]";
        }
    }

    /** @param headers every header of the answer, by name as sent */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, its name matched regardless of case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .flatMap(h -> h.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return "Response[" + status + ", " + body.length + " bytes]";
        }
    }
}
