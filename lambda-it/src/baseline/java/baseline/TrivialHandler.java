package baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The cold-start benchmark's yardstick: the least a Java function can do with an event (read it
 * whole, answer {@code {}}), through the same stream interface as the project's handlers.
 * tools/measure-cold-start.sh compiles it with --release 21 against aws-lambda-java-core alone and
 * packages it as its own jar, so nothing of the project's build reaches it.
 */
public final class TrivialHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(new byte[] {'{', '}'});
    }
}
