/**
 * A stateful stand-in for the Azure DevOps REST API that environments and their VM resources use,
 * served by the JDK's HTTP server on 127.0.0.1.
 *
 * <p>Public surface: {@link io.adoec2.azuredevops.simulator.AzureDevOpsSimulator} (start, URLs, call log,
 * faults, rate limit), the control handles {@code SimOrganization}, {@code SimProject},
 * {@code SimEnvironment}, the snapshots {@code SimVm} and {@code SimAgent}, and
 * {@link io.adoec2.azuredevops.simulator.SimulatorServer} for the standalone server. Everything else is
 * package-private, laid out by concern: routing ({@code Front}, {@code Router}, {@code PathSegments},
 * {@code QueryString}), auth ({@code Authenticator}), {@code RateLimiter}, {@code Faults},
 * {@code ApiVersions}, state ({@code World}, {@code OrgState} ... {@code AgentState}), JSON
 * ({@code JsonViews}, {@code ErrorBodies}) and one class of handlers per API area, among them the
 * Location service ({@code LocationApi} over the {@code ResourceLocations} table), the listener's
 * {@code SessionsApi} and the agent's {@code OAuthTokenEndpoint}. {@link
 * io.adoec2.azuredevops.simulator.Rs256Jwt} is the one JWT implementation (sign, verify).
 *
 * <p>Where behaviour had to be chosen, the evidence is in the class comment that implements it: path
 * decoding ({@code PathSegments}: an encoded slash separates segments, as on Azure DevOps), api-version
 * rules ({@code ApiVersions}), what deleting a VM resource does to its pool agent
 * ({@code EnvironmentState#deleteVm}), and paging ({@code Paging}).
 */
package io.adoec2.azuredevops.simulator;
