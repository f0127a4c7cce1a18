package baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The cold-start benchmark's second yardstick: the HTTP requests the SNS function (asg-notifications)
 * makes before its first answer to a launch notification, and nothing else. In order, to the same
 * peers, through java.net.http: DynamoDB GetItem (the instance's record), EC2 DescribeInstances (its
 * tags), SSM GetParameter (the PAT), Azure DevOps' environment by name, DynamoDB PutItem (the record,
 * conditional). Each answer is read whole and must be 2xx; then it answers {@code {}}. The requests were
 * taken from the function's own at commit cb8819b (main after k20cold; AWS calls through the SDK's
 * URLConnection client, Azure DevOps through java.net.http), recorded by lambda-it's RecordingProxy
 * (SameCallsHandlerInLambdaTest checks on every run that they still match): methods, paths, routing
 * headers and bodies of the same shape and size, answers of the same size.
 *
 * <p>The floor of "these round trips from a fresh JVM": no JSON or XML parser (the few values a later
 * request needs, the instance's id and tags, the PAT, the project's and environment's ids, are found by
 * searching the text), no signing (moto routes by the Authorization header's credential scope and
 * X-Amz-Target or Action, and does not check signatures, so the signature is a fixed dummy), no retries.
 * tools/measure-cold-start.sh compiles it with --release 21 against aws-lambda-java-core alone.
 */
public final class SameCallsHandler implements RequestStreamHandler {
    private static final String DUMMY_SIGNATURE = "0".repeat(64);
    private static final String EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String instanceId = jsonValue(event, 0, "EC2InstanceId");
        String group = jsonValue(event, 0, "AutoScalingGroupName");
        String table = System.getenv("TABLE_NAME");
        String now = Instant.now().toString();

        aws("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.GetItem", now, "{\"TableName\":\"" + table
                + "\",\"ConsistentRead\":true,\"Key\":{\"instanceId\":{\"S\":\"" + instanceId + "\"}}}");
        String instances = aws("ec2", "application/x-www-form-urlencoded; charset=utf-8", null, now,
                "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-id&Filter.1.Value.1=" + instanceId
                        + "&MaxResults=1000");
        String project = tagValue(instances, "AzDevOps-Project");
        String environment = tagValue(instances, "AzDevOps-Environment");
        String resourceTags = tagValue(instances, "AzDevOps-Environment-ResourceTags");
        String parameter = aws("ssm", "application/x-amz-json-1.1", "AmazonSSM.GetParameter", now,
                "{\"Name\":\"" + System.getenv("ADO_PAT_PARAMETER") + "\",\"WithDecryption\":true}");
        String pat = jsonValue(parameter, 0, "Value");

        String organization = System.getenv("ADO_ORGANIZATION_URL");
        String environments = send(HttpRequest.newBuilder(uri(organization + "/" + project
                        + "/_apis/distributedtask/environments", "name=" + environment + "&api-version=7.1"))
                .header("Accept", "application/json")
                .header("User-Agent", "ado-ec2-lifecycle")
                .header("X-TFS-FedAuthRedirect", "Suppress")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((":" + pat)
                        .getBytes(StandardCharsets.UTF_8)))
                .GET().build(), "Azure DevOps environments");
        String projectId = jsonValue(environments, environments.indexOf("\"project\""), "id");
        String environmentId = jsonValue(environments, environments.indexOf("\"value\""), "id");

        StringBuilder tags = new StringBuilder();
        for (String tag : resourceTags.split(",")) {
            tags.append(tags.isEmpty() ? "" : ",").append("{\"S\":\"").append(tag.strip()).append("\"}");
        }
        aws("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.PutItem", now, "{\"TableName\":\"" + table
                + "\",\"ConditionExpression\":\"attribute_not_exists(#key)\",\"Item\":{"
                + "\"instanceId\":{\"S\":\"" + instanceId + "\"},\"asgName\":{\"S\":\"" + group + "\"},"
                + "\"organizationUrl\":{\"S\":\"" + organization + "\"},\"projectId\":{\"S\":\"" + projectId + "\"},"
                + "\"projectName\":{\"S\":\"" + project + "\"},\"environmentId\":{\"N\":\"" + environmentId + "\"},"
                + "\"environmentName\":{\"S\":\"" + environment + "\"},\"resourceTags\":{\"L\":[" + tags + "]},"
                + "\"status\":{\"S\":\"LAUNCHING\"},\"createdAt\":{\"S\":\"" + now + "\"},\"updatedAt\":{\"S\":\"" + now
                + "\"},\"version\":{\"N\":\"0\"},\"history\":{\"L\":[{\"S\":\"" + now + " LAUNCHING launch recorded\"}]}},"
                + "\"ExpressionAttributeNames\":{\"#key\":\"instanceId\"}}");
        output.write(new byte[] {'{', '}'});
    }

    /** A POST to the AWS endpoint, with the headers a SigV4-signed one has, its signature a dummy. */
    private String aws(String service, String contentType, String target, String now, String body) throws IOException {
        String date = now.substring(0, 10).replace("-", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(System.getenv("AWS_ENDPOINT_URL") + "/", null))
                .header("Content-Type", contentType)
                .header("X-Amz-Date", date + "T" + now.substring(11, 19).replace(":", "") + "Z")
                .header("X-Amz-Security-Token", System.getenv("AWS_SESSION_TOKEN"))
                .header("X-Amz-Content-Sha256", EMPTY_PAYLOAD_HASH)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + System.getenv("AWS_ACCESS_KEY_ID") + "/"
                        + date + "/" + System.getenv("AWS_REGION") + "/" + service + "/aws4_request, SignedHeaders="
                        + "content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token"
                        + (target == null ? "" : ";x-amz-target") + ", Signature=" + DUMMY_SIGNATURE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return send(request.build(), target == null ? service : target);
    }

    private String send(HttpRequest request, String what) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The path and query encoded as a URI needs them (a project name may hold spaces). */
    private static URI uri(String url, String query) {
        try {
            URI base = URI.create(url);
            return new URI(base.getScheme(), base.getRawAuthority(), base.getPath(), query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /** The value after {@code "name":} from index {@code from} on, in JSON or JSON quoted inside a string. */
    private static String jsonValue(String text, int from, String name) {
        int at = text.indexOf("\"" + name + "\"", Math.max(from, 0));
        if (at < 0) {
            at = text.indexOf("\\\"" + name + "\\\"", Math.max(from, 0));
        }
        if (at < 0) {
            throw new IllegalStateException("no " + name + " in the answer or event");
        }
        int start = text.indexOf(':', at) + 1;
        while (" \"\\".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        int end = start;
        while ("\"\\,}".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(start, end);
    }

    /** An EC2 tag's value in DescribeInstances' XML. */
    private static String tagValue(String xml, String key) {
        int at = xml.indexOf("<key>" + key + "</key>");
        if (at < 0) {
            throw new IllegalStateException("the instance has no tag " + key);
        }
        int start = xml.indexOf("<value>", at) + "<value>".length();
        return xml.substring(start, xml.indexOf("</value>", start));
    }
}
