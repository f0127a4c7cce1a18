package io.adoec2.azuredevops;

/** Azure DevOps refused the credentials (401, or the sign-in page it serves for a bad PAT). */
public class AuthenticationException extends AzureDevOpsException {
    public AuthenticationException(String operation, int status, String message) {
        super(operation, status, message);
    }
}
