package io.adoec2.azuredevops.simulator;

import java.util.Locale;
import java.util.Set;

/** Azure DevOps' naming restrictions for projects, so seeded projects are ones the service could hold. */
final class ProjectNames {

    private static final int MAX_LENGTH = 64;
    private static final String FORBIDDEN = "\\/:*?\"<>;#${},+=[]|";
    private static final Set<String> RESERVED = Set.of("aux", "com1", "com2", "com3", "com4", "com5", "com6",
            "com7", "com8", "com9", "com10", "con", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9", "nul", "prn", "server", "signalr", "defaultcollection", "web", "app_code", "app_browsers",
            "app_data", "app_globalresources", "app_localresources", "app_themes", "app_webresources", "bin",
            "web.config");

    private ProjectNames() {
    }

    static void require(String name) {
        SimOrganization.requireName(name, "project");
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("Azure DevOps refuses the project name '" + name + "': " + problem);
        }
    }

    private static String problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return "contains '" + c + "'";
            }
        }
        if (name.startsWith("_")) {
            return "starts with an underscore";
        }
        if (name.startsWith(".") || name.endsWith(".")) {
            return "starts or ends with a period";
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return "is a reserved name";
        }
        return null;
    }
}
