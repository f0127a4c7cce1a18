package io.adoec2.cli.simulate;

/**
 * What the scheduled reconcile function did over a run: its passes, the VM resources it removed,
 * the records it adopted and closed, and its own Azure DevOps calls (it has an identity of its
 * own in the simulation, so these are not counted as the event handlers' calls).
 */
record ReconcileRuns(int passes, int incompletePasses, int removed, int adopted, int finalised, long adoCalls) {}
