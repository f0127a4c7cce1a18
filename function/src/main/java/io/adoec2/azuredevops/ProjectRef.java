package io.adoec2.azuredevops;

/** A project's id (a GUID string) and name as Azure DevOps spells it. */
public record ProjectRef(String id, String name) {}
