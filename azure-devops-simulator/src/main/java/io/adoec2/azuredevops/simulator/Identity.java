package io.adoec2.azuredevops.simulator;

/** A user the simulator knows; rendered as the spec's IdentityRef. */
record Identity(String displayName, String id, String uniqueName, String descriptor) {
}
