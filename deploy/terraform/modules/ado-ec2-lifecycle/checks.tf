# Settings that only work together, checked when planning, before anything is created. The
# conditions read variables and functions.json only, so the module's tests plan this file alone.
locals {
  # Auto Scaling ends a lifecycle hook after 100 heartbeat timeouts or 48 hours, whichever is
  # shorter, whatever the heartbeats: the hook's global timeout.
  terminate_hook_global_timeout = min(172800, 100 * var.terminate_hook_timeout_seconds)

  # After the drain limit the next look deletes the VM resource and answers the hook; it comes
  # one re-check interval later, or a visibility timeout later still if that look fails.
  drain_settled_within = var.drain_limit_seconds + var.recheck_interval_seconds + 6 * local.queue_function_timeout
}

resource "terraform_data" "settings_agree" {
  lifecycle {
    # More concurrent batches than the function may run would be throttled by Lambda, and each
    # throttled batch spends a receive of its messages towards the dead-letter queue.
    precondition {
      condition     = var.queue_maximum_concurrency <= var.reserved_concurrency.lifecycle_queue
      error_message = "queue_maximum_concurrency (${var.queue_maximum_concurrency}) exceeds reserved_concurrency.lifecycle_queue (${var.reserved_concurrency.lifecycle_queue}): Lambda would throttle the queue's batches and their messages would reach the dead-letter queue unprocessed."
    }

    precondition {
      condition     = !var.lifecycle_hooks_enabled || local.drain_settled_within <= local.terminate_hook_global_timeout
      error_message = "drain_limit_seconds (${var.drain_limit_seconds}) does not fit in the terminate hook's global timeout (${local.terminate_hook_global_timeout} s = min(48 h, 100 x terminate_hook_timeout_seconds)) with the last look's margin (recheck_interval_seconds + the queue's visibility timeout, ${local.drain_settled_within - var.drain_limit_seconds} s): Auto Scaling would end the hook while a job may still run. Lower drain_limit_seconds or raise terminate_hook_timeout_seconds."
    }
  }
}
