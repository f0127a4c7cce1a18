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

# Outcomes of the event functions that need a person: a termination EC2 did not bear out (someone
# sent it who should not have; nothing was deleted), and an instance whose tags place it nowhere
# (it runs unregistered: replacing it would only repeat the refusal). Counted from the functions'
# log lines (embedded metric format; names in functions.json).
resource "aws_cloudwatch_metric_alarm" "lifecycle_outcomes" {
  for_each = {
    spurious-terminations = {
      metric      = local.metrics.spurious_terminations
      description = "A termination event named an instance EC2 says is not terminating; nothing was deleted. Find its sender (log field origin)."
    }
    configuration-errors = {
      metric      = local.metrics.configuration_errors
      description = "An instance's AzDevOps-* tags name an organization, project or environment this deployment cannot place it in; it runs unregistered. The log line names them."
    }
  }

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = local.metrics.namespace
  metric_name         = each.value.metric.metric
  dimensions          = { (each.value.metric.dimension) = each.value.metric.value }
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
