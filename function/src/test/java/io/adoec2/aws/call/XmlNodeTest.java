package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWS answers are read with a parser that resolves nothing outside the answer itself. */
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
}
