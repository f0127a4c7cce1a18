locals {
  # Each rule sends matching events to the lifecycle queue; a rule that is switched off is absent.
  lifecycle_rule_candidates = {
    lifecycle-actions = {
      enabled     = var.lifecycle_hooks_enabled && length(var.autoscaling_group_names) > 0
      description = "Launch and terminate lifecycle actions of the managed Auto Scaling groups"
      pattern = jsonencode({
        source      = ["aws.autoscaling"]
        detail-type = ["EC2 Instance-launch Lifecycle Action", "EC2 Instance-terminate Lifecycle Action"]
        detail      = { AutoScalingGroupName = var.autoscaling_group_names }
      })
    }
    spot-interruptions = {
      enabled     = var.ec2_events_enabled
      description = "EC2 Spot interruption warnings (two minutes before the instance is reclaimed)"
      pattern = jsonencode({
        source      = ["aws.ec2"]
        detail-type = ["EC2 Spot Instance Interruption Warning"]
      })
    }
    instances-terminated = {
      enabled     = var.ec2_events_enabled
      description = "EC2 instances that reached the terminated state (the safety net for instances that leave without a hook)"
      pattern = jsonencode({
        source      = ["aws.ec2"]
        detail-type = ["EC2 Instance State-change Notification"]
        detail      = { state = ["terminated"] }
      })
    }
  }
  lifecycle_rules = { for key, rule in local.lifecycle_rule_candidates : key => rule if rule.enabled }
}

resource "aws_cloudwatch_event_rule" "lifecycle" {
  for_each = local.lifecycle_rules

  name          = "${var.name}-${each.key}"
  description   = each.value.description
  event_pattern = each.value.pattern
  tags          = local.tags
}

resource "aws_cloudwatch_event_target" "lifecycle" {
  for_each = local.lifecycle_rules

  rule = aws_cloudwatch_event_rule.lifecycle[each.key].name
  arn  = aws_sqs_queue.lifecycle.arn

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 185
  }

  dead_letter_config {
    arn = aws_sqs_queue.lifecycle_dlq.arn
  }
}

resource "aws_cloudwatch_event_rule" "reconcile" {
  name                = "${var.name}-reconcile"
  description         = "Runs the ${var.name} reconciler"
  schedule_expression = var.reconcile_schedule_expression
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "reconcile" {
  rule = aws_cloudwatch_event_rule.reconcile.name
  arn  = aws_lambda_alias.live["reconciler"].arn

  retry_policy {
    maximum_event_age_in_seconds = 600
    maximum_retry_attempts       = 2
  }

  dead_letter_config {
    arn = aws_sqs_queue.function_dlq.arn
  }
}

resource "aws_lambda_permission" "reconcile" {
  statement_id  = "ScheduleInvokesReconciler"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["reconciler"].function_name
  qualifier     = aws_lambda_alias.live["reconciler"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.reconcile.arn
}
