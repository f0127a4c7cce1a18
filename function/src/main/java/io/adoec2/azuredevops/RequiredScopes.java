package io.adoec2.azuredevops;

import java.util.Set;

/**
 * The least PAT scopes each credential needs, in the REST spec's names (docs/deployment.md gives
 * them as the PAT page's labels, and a test keeps the two in step). The functions call
 * Environments_List, Vmresource_List/Get/Delete and Pool_Get (vso.environment_manage) and
 * Agents_List/Update/Delete (vso.agentpools_manage, which includes vso.agentpools); they never call
 * Projects_Get, which would need vso.project. The agent's registration (config.sh --environment)
 * calls Environments_List, Vmresource_List/Add/Replace and Pool_Get: vso.environment_manage.
 */
public final class RequiredScopes {
    /** The functions' PAT: Environment (Read &amp; manage), Agent Pools (Read &amp; manage). */
    public static final Set<String> FUNCTIONS = Set.of("vso.environment_manage", "vso.agentpools_manage");
    /** The registration PAT the userdata hands to config.sh: Environment (Read &amp; manage). */
    public static final Set<String> REGISTRATION = Set.of("vso.environment_manage");

    private RequiredScopes() {}
}
