package io.adoec2.lifecycle.reconcile;

import io.adoec2.lifecycle.ResolvedEnvironment;

/**
 * What a pass saw of one managed environment: its VM resources, how many of them a record
 * places there (managed), and how many no record does (unmanaged: never touched).
 */
public record EnvironmentView(ResolvedEnvironment environment, int resources, int managed, int unmanaged) {}
