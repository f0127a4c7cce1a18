package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS answers as AWS documents them are read into what the adapters look for, and the reader
 * resolves nothing outside the answer itself. The answers moto gives are read by every adapter
 * test (Ec2InstancesTest, LifecycleAdaptersTest, RetriesTest, ...) through the same reader.
 */
class XmlNodeTest {

    @Test
    void anExternalEntityIsRefusedAndItsFileNeverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "PLANTED-SECRET-do-not-leak");
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY leak SYSTEM "%s">]>
                <DescribeInstancesResponse><requestId>&leak;</requestId></DescribeInstancesResponse>"""
                .formatted(secret.toUri());

        assertThatThrownBy(() -> XmlNode.parse(hostile.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("PLANTED");
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <r>&b;</r>""";

        assertThatThrownBy(() -> XmlNode.parse(bomb.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anOrdinaryAnswerIsRead() throws IOException {
        XmlNode root = XmlNode.parse("""
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>r-1</requestId></DescribeInstancesResponse>""".getBytes(StandardCharsets.UTF_8));

        assertThat(root.text("requestId")).contains("r-1");
    }

    @Test
    void theDocumentedDescribeInstancesAnswerGivesTheInstanceItsStateAndTags() throws IOException {
        XmlNode answer = sample("ec2-describe-instances-example-2.xml");

        List<XmlNode> reservations = answer.list("reservationSet", "item");
        assertThat(reservations).hasSize(1);
        List<XmlNode> instances = reservations.getFirst().list("instancesSet", "item");
        assertThat(instances).hasSize(1);
        XmlNode instance = instances.getFirst();
        assertThat(instance.requiredText("instanceId")).isEqualTo("i-1234567890abcdef0");
        assertThat(instance.child("instanceState").flatMap(state -> state.text("name"))).contains("running");
        List<XmlNode> tags = instance.list("tagSet", "item");
        assertThat(tags).extracting(tag -> tag.requiredText("key") + "=" + tag.requiredText("value"))
                .containsExactly("Name=Server_1");
        assertThat(instance.text("reason")).as("an empty element's text").contains("");
        assertThat(answer.text("nextToken")).as("no further page").isEmpty();
        assertThat(answer.text("requestId")).contains("8f7724cf-496f-496e-8fe3-example");
    }

    @Test
    void theDocumentedEc2ErrorAnswerGivesItsCodeMessageAndRequest() throws IOException {
        // Amazon EC2 API Reference, "Error codes for the Amazon EC2 API", example of an error response
        // (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html#api-error-response).
        XmlNode answer = parse("""
                <Response>
                    <Errors>
                         <Error>
                           <Code>InvalidInstanceID.NotFound</Code>
                           <Message>The instance ID 'i-1a2b3c4d' does not exist</Message>
                         </Error>
                    </Errors>
                    <RequestID>ea966190-f9aa-478e-9ede-example</RequestID>
                </Response>
                """);

        XmlNode error = answer.child("Errors").flatMap(errors -> errors.child("Error")).orElseThrow();
        assertThat(error.text("Code")).contains("InvalidInstanceID.NotFound");
        assertThat(error.text("Message")).contains("The instance ID 'i-1a2b3c4d' does not exist");
        assertThat(answer.text("RequestID")).contains("ea966190-f9aa-478e-9ede-example");
    }

    @Test
    void theDocumentedSqsSendMessageAnswerIsRead() throws IOException {
        // Amazon SQS API Reference, SendMessage, Examples, "Sample response" of the Query request
        // (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
        XmlNode answer = parse("""
                <SendMessageResponse>
                    <SendMessageResult>
                        <MD5OfMessageBody>fafb00f5732ab283681e124bf8747ed1</MD5OfMessageBody>
                        <MD5OfMessageAttributes>3ae8f24a165a8cedc005670c81a27295</MD5OfMessageAttributes>
                        <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
                    </SendMessageResult>
                    <ResponseMetadata>
                        <RequestId>27daac76-34dd-47df-bd01-1f6e873584a0</RequestId>
                    </ResponseMetadata>
                </SendMessageResponse>
                """);

        assertThat(answer.name()).isEqualTo("SendMessageResponse");
        assertThat(answer.child("SendMessageResult").flatMap(result -> result.text("MessageId")))
                .contains("5fea7756-0ea4-451a-a703-a558b933e274");
        assertThat(answer.child("ResponseMetadata").flatMap(metadata -> metadata.text("RequestId")))
                .contains("27daac76-34dd-47df-bd01-1f6e873584a0");
    }

    @Test
    void aCompleteLifecycleActionAnswerIsRead() throws IOException {
        // No sample answer was found in the Auto Scaling API Reference; this is the awsQuery shape the
        // SQS sample above has (<ActionResponse><ActionResult/><ResponseMetadata>), with Auto Scaling's
        // namespace for API version 2011-01-01 and the empty result CompleteLifecycleAction has.
        XmlNode answer = parse("""
                <CompleteLifecycleActionResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                  <CompleteLifecycleActionResult/>
                  <ResponseMetadata>
                    <RequestId>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</RequestId>
                  </ResponseMetadata>
                </CompleteLifecycleActionResponse>
                """);

        assertThat(answer.child("CompleteLifecycleActionResult")).isPresent();
        assertThat(answer.child("Errors")).isEmpty();
        assertThat(answer.child("ResponseMetadata").flatMap(metadata -> metadata.text("RequestId")))
                .contains("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
    }

    @Test
    void anStsGetWebIdentityTokenAnswerGivesTheTokenWhole() throws IOException {
        // No sample answer was found in the STS API Reference; this is the awsQuery shape with STS's
        // namespace (2011-06-15) and GetWebIdentityToken's documented output members, WebIdentityToken
        // and Expiration. A JWT is base64url text and dots, so it never needs escaping.
        String jwt = "eyJraWQiOiJFWEFNUExFIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl";
        XmlNode answer = parse("""
                <GetWebIdentityTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetWebIdentityTokenResult>
                    <WebIdentityToken>%s</WebIdentityToken>
                    <Expiration>2026-11-30T10:05:00Z</Expiration>
                  </GetWebIdentityTokenResult>
                  <ResponseMetadata>
                    <RequestId>b2c3d4e5-6789-01ab-cdef-EXAMPLE22222</RequestId>
                  </ResponseMetadata>
                </GetWebIdentityTokenResponse>
                """.formatted(jwt));

        assertThat(answer.child("GetWebIdentityTokenResult").flatMap(result -> result.text("WebIdentityToken")))
                .contains(jwt);
    }

    @Test
    void namespacePrefixesAreDroppedAndAllTextWithinAChildIsItsText() throws IOException {
        XmlNode answer = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment before the root -->
                <aws:Answer xmlns:aws="urn:example" aws:kind='test'>
                  <aws:value>a &lt;b&gt; &amp; &apos;c&apos; &quot;d&quot; &#65;&#x42; <![CDATA[<not markup> & ]]>end</aws:value>
                  <mixed>one<inner>two</inner>three</mixed>
                </aws:Answer>""");

        assertThat(answer.name()).isEqualTo("Answer");
        assertThat(answer.text("value")).contains("a <b> & 'c' \"d\" AB <not markup> & end");
        assertThat(answer.text("mixed")).contains("onetwothree");
    }

    private static XmlNode parse(String xml) throws IOException {
        return XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlNode sample(String resource) throws IOException {
        try (InputStream in = XmlNodeTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return XmlNode.parse(in.readAllBytes());
        }
    }
}
