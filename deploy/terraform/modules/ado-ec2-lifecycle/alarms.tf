locals {
  metrics = local.spec.metrics

  queue_depth_alarms = {
    lifecycle-dlq = { queue = aws_sqs_queue.lifecycle_dlq.name, what = "lifecycle events that failed every delivery" }
    function-dlq  = { queue = aws_sqs_queue.function_dlq.name, what = "SNS notifications or reconciler runs that failed every retry" }
  }

  # The reconciler's findings, counted from its log lines (embedded metric format, functions.json).
  finding_alarms = {
    orphans = {
      metric      = local.metrics.orphans
      threshold   = var.orphan_alarm_threshold
      periods     = 1
      description = "The reconciler found VM resources whose instance is gone: the terminate path missed them."
    }
    unregistered = {
      metric      = local.metrics.unregistered
      threshold   = 0
      periods     = 2
      description = "Live instances have stayed unregistered for two hours: check their userdata log (/var/log/cloud-init-output.log)."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = local.functions

  alarm_name          = "${var.name}-${each.key}-errors"
  alarm_description   = "The ${var.name}-${each.key} function failed at least once in 5 minutes."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this[each.key].function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = local.queue_depth_alarms

  alarm_name          = "${var.name}-${each.key}-not-empty"
  alarm_description   = "${each.value.queue} holds ${each.value.what}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value.queue }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lifecycle_backlog" {
  alarm_name          = "${var.name}-lifecycle-backlog"
  alarm_description   = "The oldest lifecycle event has waited more than 15 minutes: the function is failing or throttled."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.lifecycle.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 900
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "reconcile_findings" {
  for_each = local.finding_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = local.metrics.namespace
  metric_name         = each.value.metric.metric
  dimensions          = { (each.value.metric.dimension) = each.value.metric.value }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = each.value.periods
  datapoints_to_alarm = each.value.periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# Lambda's own signals that its Errors metric does not count: invocations refused for want of
# concurrency, and asynchronous events (SNS notifications, the schedule) that were lost.
locals {
  async_functions = { for key, function in local.functions : key => function if function.source != "sqs" }

  lambda_signal_alarms = merge(
    { for key, function in local.functions : "${key}-throttles" => {
      function    = key
      metric      = "Throttles"
      description = "Lambda refused invocations of ${var.name}-${key} for want of concurrency: events wait, or (asynchronous ones) age towards being dropped."
    } },
    { for key, function in local.async_functions : "${key}-dead-letter-errors" => {
      function    = key
      metric      = "DeadLetterErrors"
      description = "Lambda could not put failed ${var.name}-${key} events into the dead-letter queue: they are lost."
    } },
    { for key, function in local.async_functions : "${key}-async-events-dropped" => {
      function    = key
      metric      = "AsyncEventsDropped"
      description = "Lambda dropped asynchronous ${var.name}-${key} events (too old, or out of retries) without running them to success."
    } },
  )

  # The functions' own failure counts (embedded metric format, names from functions.json). A
  # message that fails inside a partial batch response is no Lambda error, so only these see it.
  # They carry the failure's kind (or the event source) as a dimension: a Metrics Insights query
  # sums over every value. "periods": the 5-minute periods in a row that must breach.
  failure_alarms = {
    handler-errors = {
      metric      = local.metrics.handlerErrors
      periods     = 1
      description = "A lifecycle event failed inside the function (it is retried, and ends in a dead-letter queue if it keeps failing): see the function's ERROR log lines."
    }
    reconcile-errors = {
      metric      = local.metrics.reconcileErrors
      periods     = 1
      description = "A reconcile pass could not plan or carry out an action: see the reconciler's ERROR log lines."
    }
    # A lone 429 is waited out (Retry-After); 15 minutes of them mean the identity's budget is
    # spent by something that does not stop, and events wait or fail meanwhile.
    azure-devops-refusals = {
      metric      = local.metrics.azureDevOpsRefused
      periods     = 3
      description = "Azure DevOps has refused the functions' requests with 429 for 15 minutes: the identity's rate budget is spent (by these functions or another tool on the same identity). See docs/runbook.md, 'Azure DevOps refuses requests'."
    }
    hooks-not-held = {
      metric      = local.metrics.hooksNotHeld
      periods     = 1
      description = "Auto Scaling no longer held a lifecycle action the function went to complete or heartbeat: it timed out (and took the hook's default result) or was completed elsewhere. See docs/runbook.md, 'A lifecycle hook was not held'."
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "lambda_signals" {
  for_each = local.lambda_signal_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = aws_lambda_function.this[each.value.function].function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

# Outcomes of the event functions that need a person: a termination EC2 did not bear out (someone
# sent it who should not have; nothing was deleted), and an instance whose tags place it nowhere
# (it runs unregistered: replacing it would only repeat the refusal). Counted from the functions'
# log lines (embedded metric format; names in functions.json).
resource "aws_cloudwatch_metric_alarm" "lifecycle_outcomes" {
  for_each = {
    spurious-terminations = {
      metric      = local.metrics.spuriousTerminations
      description = "A termination event named an instance EC2 says is not terminating; nothing was deleted. Find its sender (log field origin)."
    }
    configuration-errors = {
      metric      = local.metrics.configurationErrors
      description = "An instance's AzDevOps-* tags name an organization, project or environment this deployment cannot place it in; it runs unregistered. The log line names them."
    }
  }

  alarm_name        = "${var.name}-${each.key}"
  alarm_description = each.value.description
  namespace         = local.metrics.namespace
  metric_name       = each.value.metric.metric
  dimensions        = { (each.value.metric.dimension) = each.value.metric.value }

  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "function_failures" {
  for_each = local.failure_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  evaluation_periods  = each.value.periods
  datapoints_to_alarm = each.value.periods
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags

  metric_query {
    id          = "failures"
    expression  = "SELECT SUM(\"${each.value.metric.metric}\") FROM SCHEMA(\"${local.metrics.namespace}\", \"${each.value.metric.dimension}\")"
    period      = 300
    return_data = true
  }
}
