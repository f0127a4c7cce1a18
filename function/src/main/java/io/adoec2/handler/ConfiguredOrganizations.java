package io.adoec2.handler;

import io.adoec2.azuredevops.AzureDevOps;
import io.adoec2.lifecycle.OrganizationNotAllowedException;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.Organizations;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The organizations of the configuration, each with one client made on first use. */
final class ConfiguredOrganizations implements Organizations {
    private final OrganizationUrl defaultOrganization;
    private final Set<OrganizationUrl> allowed;
    private final Function<OrganizationUrl, AzureDevOps> clientFactory;
    private final Map<OrganizationUrl, AzureDevOps> clients = new ConcurrentHashMap<>();

    ConfiguredOrganizations(OrganizationUrl defaultOrganization, Set<OrganizationUrl> allowed,
                            Function<OrganizationUrl, AzureDevOps> clientFactory) {
        this.defaultOrganization = defaultOrganization;
        this.allowed = Set.copyOf(allowed);
        this.clientFactory = clientFactory;
    }

    @Override
    public AzureDevOps organization(OrganizationUrl url) {
        if (!allowed.contains(url)) {
            throw new OrganizationNotAllowedException(url);
        }
        return clients.computeIfAbsent(url, clientFactory);
    }

    @Override
    public OrganizationUrl defaultOrganization() {
        return defaultOrganization;
    }
}
