locals {
  # The role Auto Scaling acts as when it publishes notifications (and uses the topic's KMS key).
  autoscaling_service_role_arn = "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

  hook_transitions = {
    launch = {
      transition = "autoscaling:EC2_INSTANCE_LAUNCHING"
      timeout    = var.launch_hook_timeout_seconds
    }
    terminate = {
      transition = "autoscaling:EC2_INSTANCE_TERMINATING"
      timeout    = var.terminate_hook_timeout_seconds
    }
  }
  lifecycle_hooks = {
    for pair in setproduct(var.autoscaling_group_names, keys(local.hook_transitions)) :
    "${pair[0]}/${pair[1]}" => merge(local.hook_transitions[pair[1]], { group = pair[0], kind = pair[1] })
    if var.lifecycle_hooks_enabled
  }
}

# Without a notification target the hook's events go to EventBridge, and from there to the
# lifecycle queue (events.tf).
resource "aws_autoscaling_lifecycle_hook" "this" {
  for_each = local.lifecycle_hooks

  name                   = "${var.name}-${each.value.kind}"
  autoscaling_group_name = each.value.group
  lifecycle_transition   = each.value.transition
  heartbeat_timeout      = each.value.timeout
  default_result         = var.hook_default_result

  lifecycle {
    # The function heartbeats when a quarter of the timeout has passed; a look that fails comes
    # back only after the queue's visibility timeout and one re-check interval. Both must fit.
    precondition {
      condition     = each.value.timeout * 3 / 4 > aws_sqs_queue.lifecycle.visibility_timeout_seconds + var.recheck_interval_seconds
      error_message = "The ${each.value.kind} hook's timeout (${each.value.timeout} s) is too short: three quarters of it must exceed the lifecycle queue's visibility timeout plus recheck_interval_seconds, or a held instance times out after one failed look."
    }
  }
}

# The original path: Auto Scaling notifications through SNS to the asg-notifications function.
resource "aws_sns_topic" "asg_notifications" {
  count = var.asg_notifications_enabled ? 1 : 0

  name              = "${var.name}-asg-notifications"
  kms_master_key_id = aws_kms_key.this.arn
  tags              = local.tags
}

# Only Auto Scaling may publish: the function deletes VM resources on the terminate notifications
# it reads here. The function also asks EC2 before deleting anything, but a topic anyone in the
# account may publish to is a standing invitation. Auto Scaling publishes as its service-linked
# role; same-account principals are allowed by their own IAM policies unless a Deny stops them,
# hence the Deny for every principal but that role.
data "aws_iam_policy_document" "asg_notifications_topic" {
  count = var.asg_notifications_enabled ? 1 : 0

  statement {
    sid       = "AutoScalingPublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.asg_notifications[0].arn]
    principals {
      type        = "AWS"
      identifiers = [local.autoscaling_service_role_arn]
    }
  }

  statement {
    sid       = "NobodyElsePublishes"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.asg_notifications[0].arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [local.autoscaling_service_role_arn]
    }
  }

  statement {
    sid = "AccountManagesTheTopic"
    actions = [
      "sns:GetTopicAttributes",
      "sns:SetTopicAttributes",
      "sns:ListSubscriptionsByTopic",
      "sns:Subscribe",
      "sns:DeleteTopic",
      "sns:TagResource",
      "sns:UntagResource",
      "sns:ListTagsForResource",
    ]
    resources = [aws_sns_topic.asg_notifications[0].arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }
}

resource "aws_sns_topic_policy" "asg_notifications" {
  count = var.asg_notifications_enabled ? 1 : 0

  arn    = aws_sns_topic.asg_notifications[0].arn
  policy = data.aws_iam_policy_document.asg_notifications_topic[0].json
}

resource "aws_autoscaling_notification" "this" {
  count = var.asg_notifications_enabled && length(var.autoscaling_group_names) > 0 ? 1 : 0

  group_names = var.autoscaling_group_names
  notifications = [
    "autoscaling:EC2_INSTANCE_LAUNCH",
    "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
    "autoscaling:EC2_INSTANCE_TERMINATE",
    "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
  ]
  topic_arn = aws_sns_topic.asg_notifications[0].arn
}

resource "aws_sns_topic_subscription" "asg_notifications" {
  count = var.asg_notifications_enabled ? 1 : 0

  topic_arn = aws_sns_topic.asg_notifications[0].arn
  protocol  = "lambda"
  endpoint  = aws_lambda_alias.live["asg-notifications"].arn
}

resource "aws_lambda_permission" "asg_notifications" {
  count = var.asg_notifications_enabled ? 1 : 0

  statement_id  = "SnsInvokesAsgNotifications"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["asg-notifications"].function_name
  qualifier     = aws_lambda_alias.live["asg-notifications"].name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.asg_notifications[0].arn
}
