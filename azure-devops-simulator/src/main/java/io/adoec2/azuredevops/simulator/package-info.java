/** A stateful stand-in for the Azure DevOps REST API that environments and their VM resources use. */
package io.adoec2.azuredevops.simulator;
