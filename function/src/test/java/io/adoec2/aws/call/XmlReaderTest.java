package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is not a well-formed AWS answer is refused with the construct it met named, and where. */
class XmlReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated in an element            | <r><a>text                            | the input ends inside <a>
            truncated in a start tag           | <r><a                                 | the input ends inside <a>
            truncated in a comment             | <r><!-- open                          | a comment is never closed with -->
            truncated in CDATA                 | <r><![CDATA[ open                     | a CDATA section is never closed with ]]>
            empty                              | ''                                    | there is no root element
            mismatched tags                    | <r><a></b></r>                        | </b> closes <a>
            unclosed root                      | <r><a/>                               | the input ends inside <r>
            two roots                          | <r/><s/>                              | a second root element
            text after the root                | <r/>tail                              | text after the root element
            text before the root               | head<r/>                              | text before the root element
            unknown entity                     | <r>&nbsp;</r>                         | entity &nbsp; is refused
            entity without semicolon           | <r>&amp</r>                           | ; after &amp expected
            bare ampersand                     | <r>a & b</r>                          | an entity name after & expected
            character reference to NUL         | <r>&#0;</r>                           | character reference &#0; names no character XML allows
            character reference to a surrogate | <r>&#xD800;</r>                       | character reference &#xD800; names no character XML allows
            character reference not a number  | <r>&#x1G;</r>                         | character reference &#x1G; is not a number
            DOCTYPE inside an element          | <r><!DOCTYPE r></r>                   | a declaration (<!DOCTYPE) inside an element is refused
            less-than in an attribute          | <r a='<'/>                            | < in the value of attribute a
            attribute without quotes           | <r a=b/>                              | a quoted value expected for attribute a
            attribute twice                    | <r a='1' a='2'/>                      | attribute a appears twice in <r>
            attributes not apart               | <r a='1'b='2'/>                       | white space, > or /> expected in <r>
            end of CDATA in text               | <r>]]></r>                            | ]]> outside a CDATA section
            double hyphen in a comment         | <r><!-- a -- b --></r>                | -- inside a comment
            late XML declaration               | <r><?xml version='1.0'?></r>          | an XML declaration that is not at the start
            declaration without version        | <?xml encoding='UTF-8'?><r/>          | the XML declaration must begin with version
            another encoding declared          | <?xml version='1.0' encoding='ISO-8859-1'?><r/> | the answer declares encoding ISO-8859-1; only UTF-8 is read
            """)
    void malformedInputIsRefusedByName(String what, String xml, String message) {
        assertThatThrownBy(() -> read(xml))
                .as(what)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not well-formed XML: ")
                .hasMessageContaining(message)
                .hasMessageContaining("(line 1, column ");
    }

    @Test
    void theLineAndColumnOfTheFaultAreNamed() {
        assertThatThrownBy(() -> read("<r>\n  <a>\n  </b>\n</r>"))
                .hasMessage("not well-formed XML: </b> closes <a> (line 3, column 7)");
    }

    @Test
    void aControlCharacterIsRefused() {
        assertThatThrownBy(() -> read("<r>a\u0001b</r>"))
                .hasMessageContaining("character U+0001, which XML does not allow, in text");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "<r>caf\u00e9</r>".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> XmlNode.parse(latin1))
                .isInstanceOf(IOException.class)
                .hasMessage("not well-formed XML: the answer is not UTF-8");
    }

    @Test
    void aRefusalNeverQuotesTheAnswer() {
        // A token in a broken answer must not reach a log line through the error.
        assertThatThrownBy(() -> read("<r><WebIdentityToken>eyJ.secret.part</WebIdentityToken"))
                .hasMessageNotContaining("eyJ");
    }

    @Test
    void aDeepAnswerIsReadWithoutExhaustingTheStack() throws IOException {
        int depth = 100_000;
        String xml = "<a>".repeat(depth) + "x" + "</a>".repeat(depth);

        XmlNode node = read(xml);
        for (int i = 1; i < depth; i++) {
            node = node.child("a").orElseThrow();
        }
        assertThat(node.name()).isEqualTo("a");
    }

    @Test
    void lineEndsBecomeLineFeedsAsXmlSays() throws IOException {
        assertThat(read("<r><v>a\r\nb\rc</v></r>").text("v")).contains("a\nb\nc");
    }

    @Test
    void aByteOrderMarkAndMultibyteTextAreRead() throws IOException {
        XmlNode root = read("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><r><v>Zürich 東京 \uD83D\uDE80</v></r>");

        assertThat(root.text("v")).contains("Zürich 東京 \uD83D\uDE80");
    }

    private static XmlNode read(String xml) throws IOException {
        return XmlNode.parse(xml.getBytes(StandardCharsets.UTF_8));
    }
}
