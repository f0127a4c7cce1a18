package io.adoec2.handler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.azuredevops.VmResource;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.reconcile.Action;
import io.adoec2.lifecycle.reconcile.ActionResult;
import io.adoec2.lifecycle.reconcile.EnvironmentView;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reconcile pass as JSON: what the reconcile function answers, and what
 * {@code ado-ec2-lifecycle reconcile --json} prints. A plan (dry run) has its actions; a report
 * adds to each what came of it.
 */
public final class ReconcileJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReconcileJson() {}

    public static ObjectNode plan(Plan plan) {
        ObjectNode root = NODES.objectNode();
        root.put("dryRun", true);
        summary(root, plan);
        ArrayNode actions = root.putArray("actions");
        plan.actions().forEach(action -> actions.add(action(action)));
        return root;
    }

    public static ObjectNode report(ReconcileReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("dryRun", false);
        root.put("complete", report.complete());
        root.put("removed", report.removed());
        Map<String, Long> done = new TreeMap<>();
        Map<String, Long> other = new TreeMap<>();
        for (ActionResult result : report.results()) {
            if (result.status() == ActionResult.Status.DONE) {
                done.merge(result.action().kind().name(), 1L, Long::sum);
            } else {
                other.merge(result.status().name(), 1L, Long::sum);
            }
        }
        ObjectNode doneNode = root.putObject("done");
        done.forEach(doneNode::put);
        ObjectNode otherNode = root.putObject("notDone");
        other.forEach(otherNode::put);
        summary(root, report.plan());
        ArrayNode actions = root.putArray("actions");
        for (ActionResult result : report.results()) {
            ObjectNode node = action(result.action());
            node.put("status", result.status().name());
            node.put("detail", result.detail());
            actions.add(node);
        }
        return root;
    }

    private static void summary(ObjectNode root, Plan plan) {
        root.put("at", plan.at().toString());
        ArrayNode environments = root.putArray("environments");
        for (EnvironmentView view : plan.environments()) {
            ObjectNode node = environment(environments.addObject(), view.environment());
            node.put("resources", view.resources());
            node.put("managed", view.managed());
            node.put("unmanaged", view.unmanaged());
        }
        ObjectNode held = root.putObject("held");
        new TreeMap<>(plan.held()).forEach((reason, count) -> held.put(reason.name(), count));
        ArrayNode problems = root.putArray("problems");
        plan.problems().forEach(problems::add);
    }

    private static ObjectNode action(Action action) {
        ObjectNode node = NODES.objectNode();
        node.put("action", action.kind().name());
        node.put("instanceId", action.instanceId());
        environment(node.putObject("environment"), action.environment());
        ArrayNode resources = node.putArray("resources");
        for (VmResource resource : action.resources()) {
            resources.addObject().put("id", resource.id()).put("name", resource.name());
        }
        node.put("reason", action.reason());
        return node;
    }

    private static ObjectNode environment(ObjectNode node, ResolvedEnvironment environment) {
        node.put("organization", environment.organization().toString());
        node.put("project", environment.project().name());
        node.put("environment", environment.environment().name());
        node.put("id", environment.environment().id());
        return node;
    }

    /** The ids of the resources an action concerns, for a log line. */
    static String resourceIds(List<VmResource> resources) {
        return String.join(",", resources.stream().map(r -> Integer.toString(r.id())).toList());
    }
}
