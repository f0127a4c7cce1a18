package io.adoec2.azuredevops.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The agent's tag rules: trimmed, blanks dropped, de-duplicated ignoring case, first spelling kept. */
final class Tags {

    private Tags() {
    }

    static List<String> normalize(List<String> tags) {
        List<String> result = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String trimmed = tag.strip();
            if (seen.add(trimmed)) {
                result.add(trimmed);
            }
        }
        return List.copyOf(result);
    }

    /** The comma-separated form the agent's --virtualmachineresourcetags and the list filter use. */
    static List<String> parse(String commaSeparated) {
        return normalize(List.of(commaSeparated.split(",", -1)));
    }

    static boolean containsAll(List<String> have, List<String> wanted) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(have);
        return set.containsAll(wanted);
    }
}
