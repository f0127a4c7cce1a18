package io.adoec2.azuredevops;

/** The named project, environment or resource does not exist (or the caller may not see it). */
public class NotFoundException extends AzureDevOpsException {
    public NotFoundException(String operation, String message) {
        super(operation, 404, message);
    }
}
