package io.adoec2.testing;

import io.adoec2.localaws.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions the Terraform module's iam.tf grants in one {@code aws_iam_policy_document}: every
 * quoted {@code "service:Action"} inside an {@code actions = ...} of that block, dynamic statements
 * included. Read from the HCL text (Terraform cannot plan here without its providers), so a test can
 * hold the module's grants against what the code calls.
 */
public final class TerraformIam {

    public static final Path FILE = Path.of("deploy", "terraform", "modules", "ado-ec2-lifecycle", "iam.tf");

    private static final Pattern ACTIONS = Pattern.compile("\\bactions\\s*=\\s*(concat\\(\\s*)?\\[");
    private static final Pattern ACTION = Pattern.compile("\"([a-z0-9-]+:[A-Za-z0-9*]+)\"");

    private final String text;

    private TerraformIam(String text) {
        this.text = text;
    }

    public static TerraformIam load() {
        Path file = ProjectRoot.find().resolve(FILE);
        try {
            return new TerraformIam(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The actions of {@code data "aws_iam_policy_document" "<name>"}, over all its statements. */
    public Set<String> actionsOf(String documentName) {
        String block = block("data \"aws_iam_policy_document\" \"" + documentName + "\"");
        Set<String> actions = new TreeSet<>();
        Matcher start = ACTIONS.matcher(block);
        while (start.find()) {
            int end = closing(block, start.end() - 1, start.group(1) != null ? '(' : '[');
            Matcher action = ACTION.matcher(block.substring(start.end(), end));
            while (action.find()) {
                actions.add(action.group(1));
            }
        }
        if (actions.isEmpty()) {
            throw new IllegalStateException(FILE + ": policy document " + documentName + " grants no actions");
        }
        return actions;
    }

    /** The text of the top-level block with the given header, up to its closing brace. */
    private String block(String header) {
        int at = text.indexOf(header + " {");
        if (at < 0) {
            throw new IllegalStateException(FILE + " has no " + header);
        }
        int open = text.indexOf('{', at + header.length());
        return text.substring(open, closing(text, open, '{') + 1);
    }

    /** Index of the bracket that closes the one at {@code open} (brackets inside strings balance too). */
    private static int closing(String text, int open, char kind) {
        char close = switch (kind) {
            case '{' -> '}';
            case '[' -> ']';
            default -> ')';
        };
        int from = kind == '(' ? text.lastIndexOf('(', open) : open;
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == kind) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException(FILE + ": unbalanced '" + kind + "' at offset " + open);
    }
}
