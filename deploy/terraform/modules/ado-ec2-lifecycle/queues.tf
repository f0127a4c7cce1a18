locals {
  queue_function_timeout = one([for function in local.spec.functions : function.timeout if function.source == "sqs"])
}

# Lifecycle-hook actions, Spot interruption warnings and `terminated` state changes, from EventBridge.
resource "aws_sqs_queue" "lifecycle" {
  name                              = "${var.name}-lifecycle"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 300
  # AWS's guidance for a Lambda event source: six times the function timeout, so a batch that is
  # retried inside one invocation never reappears while still being worked on.
  visibility_timeout_seconds = 6 * local.queue_function_timeout
  message_retention_seconds  = 86400
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.lifecycle_dlq.arn
    maxReceiveCount     = var.queue_max_receive_count
  })
  tags = local.tags
}

resource "aws_sqs_queue" "lifecycle_dlq" {
  name                              = "${var.name}-lifecycle-dlq"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600
  tags                              = local.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "lifecycle_dlq" {
  queue_url = aws_sqs_queue.lifecycle_dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.lifecycle.arn]
  })
}

# Asynchronous invocations (SNS notifications, the schedule) that failed every retry, and events
# EventBridge could not deliver to a function.
resource "aws_sqs_queue" "function_dlq" {
  name                              = "${var.name}-function-dlq"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 300
  message_retention_seconds         = 1209600
  tags                              = local.tags
}

locals {
  # Which EventBridge rules may send to which queue; a queue no rule targets gets no policy.
  queue_senders = {
    for key, queue in {
      lifecycle     = { url = aws_sqs_queue.lifecycle.id, arn = aws_sqs_queue.lifecycle.arn, rules = [for rule in aws_cloudwatch_event_rule.lifecycle : rule.arn] }
      lifecycle-dlq = { url = aws_sqs_queue.lifecycle_dlq.id, arn = aws_sqs_queue.lifecycle_dlq.arn, rules = [for rule in aws_cloudwatch_event_rule.lifecycle : rule.arn] }
      function-dlq  = { url = aws_sqs_queue.function_dlq.id, arn = aws_sqs_queue.function_dlq.arn, rules = [aws_cloudwatch_event_rule.reconcile.arn] }
    } : key => queue if length(queue.rules) > 0
  }
}

data "aws_iam_policy_document" "events_to_queue" {
  for_each = local.queue_senders

  statement {
    sid       = "EventBridgeRulesOfThisModule"
    actions   = ["sqs:SendMessage"]
    resources = [each.value.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = each.value.rules
    }
  }
}

resource "aws_sqs_queue_policy" "events_to_queue" {
  for_each = local.queue_senders

  queue_url = each.value.url
  policy    = data.aws_iam_policy_document.events_to_queue[each.key].json
}

resource "aws_lambda_event_source_mapping" "lifecycle" {
  event_source_arn        = aws_sqs_queue.lifecycle.arn
  function_name           = aws_lambda_alias.live["lifecycle-queue"].arn
  batch_size              = var.queue_batch_size
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.queue_maximum_concurrency
  }
}
