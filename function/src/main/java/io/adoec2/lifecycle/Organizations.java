package io.adoec2.lifecycle;

import io.adoec2.azuredevops.AzureDevOps;

/**
 * The Azure DevOps organizations this deployment may talk to. Tags choose among them, they
 * never add one: otherwise a tag could send our credentials to any URL.
 */
public interface Organizations {

    /** The client for an organization. @throws OrganizationNotAllowedException when it is not configured. */
    AzureDevOps organization(OrganizationUrl url);

    /** The organization used when an instance names none. */
    OrganizationUrl defaultOrganization();
}
