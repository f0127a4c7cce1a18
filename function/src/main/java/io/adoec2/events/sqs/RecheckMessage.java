package io.adoec2.events.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.events.JsonFields;
import io.adoec2.events.MalformedEventException;
import io.adoec2.json.JsonTree;
import io.adoec2.lifecycle.LifecycleEvent;
import io.adoec2.lifecycle.LifecycleHook;
import io.adoec2.lifecycle.Printable;

/**
 * Our own message, sent to our queue with a delivery delay, that brings a held instance back
 * for another look: {@code {"recheck":{"instanceId":..,"transition":"LAUNCHING","autoScalingGroup":..,
 * "hookName":..,"token":..,"startedAt":..,"check":3}}}. Written and read only here.
 */
public final class RecheckMessage {
    private static final String ROOT = "recheck";

    private RecheckMessage() {}

    public static String write(LifecycleEvent.HookAction action) {
        ObjectNode root = JsonTree.object();
        ObjectNode body = root.putObject(ROOT);
        body.put("instanceId", action.instanceId());
        body.put("transition", action.hook().transition().name());
        body.put("autoScalingGroup", action.hook().autoScalingGroup());
        body.put("hookName", action.hook().hookName());
        body.put("token", action.hook().token());
        body.put("startedAt", action.startedAt().toString());
        body.put("check", action.check());
        return JsonTree.write(root);
    }

    public static boolean matches(JsonNode body) {
        return body.isObject() && body.has(ROOT);
    }

    public static LifecycleEvent.HookAction parse(JsonNode root, String path, String origin) {
        JsonNode body = JsonFields.object(root, ROOT, path);
        String at = path + "." + ROOT;
        String transition = JsonFields.text(body, "transition", at);
        LifecycleHook.Transition kind;
        try {
            kind = LifecycleHook.Transition.valueOf(transition);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(at + ".transition", "'" + Printable.of(transition) + "' is not LAUNCHING or TERMINATING");
        }
        JsonNode check = body.get("check");
        if (check == null || !check.canConvertToInt() || check.asInt() < 1) {
            throw new MalformedEventException(at + ".check", "must be a whole number of at least 1");
        }
        LifecycleHook hook = new LifecycleHook(kind, JsonFields.text(body, "autoScalingGroup", at),
                JsonFields.text(body, "hookName", at), JsonFields.text(body, "token", at));
        return new LifecycleEvent.HookAction(JsonFields.instanceId(body, "instanceId", at), hook,
                JsonFields.instant(body, "startedAt", at), check.asInt(), origin);
    }
}
