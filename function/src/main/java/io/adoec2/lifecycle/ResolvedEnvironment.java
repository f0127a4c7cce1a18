package io.adoec2.lifecycle;

import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;

/** An environment whose project and environment ids are known, in its organization. */
public record ResolvedEnvironment(OrganizationUrl organization, ProjectRef project, EnvironmentRef environment) {}
