package io.adoec2.azuredevops.simulator;

import java.util.Locale;

/** Azure DevOps compares organization, project, environment, resource and agent names ignoring case. */
final class Names {

    private Names() {
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
