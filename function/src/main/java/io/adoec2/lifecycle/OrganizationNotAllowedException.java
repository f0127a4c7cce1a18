package io.adoec2.lifecycle;

/** A tag named an organization that this deployment is not configured to serve. */
public class OrganizationNotAllowedException extends RuntimeException {
    public OrganizationNotAllowedException(OrganizationUrl url) {
        super("organization " + url + " is not one this deployment serves (set ADO_ORGANIZATIONS)");
    }
}
