resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name                  = "${var.name}-${each.key}"
  description                    = "ado-ec2-lifecycle: ${each.value.source} events"
  role                           = aws_iam_role.function[each.key].arn
  filename                       = var.lambda_jar_path
  source_code_hash               = filebase64sha256(var.lambda_jar_path)
  runtime                        = local.spec.runtime
  handler                        = each.value.handler
  architectures                  = [var.architecture]
  memory_size                    = each.value.memory
  timeout                        = each.value.timeout
  reserved_concurrent_executions = local.reserved_concurrency[each.key]
  kms_key_arn                    = aws_kms_key.this.arn
  # SnapStart snapshots published versions only; every trigger invokes the `live` alias.
  publish = true

  environment {
    variables = local.environment
  }

  dynamic "snap_start" {
    for_each = var.snap_start_enabled ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tracing_config {
    mode = "Active"
  }

  # Asynchronous invocations (SNS, the schedule) that fail every retry land here; the lifecycle
  # queue has its own dead-letter queue through its redrive policy.
  dead_letter_config {
    target_arn = aws_sqs_queue.function_dlq.arn
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.function]
}

resource "aws_lambda_alias" "live" {
  for_each = local.functions

  name             = "live"
  description      = "The published version every trigger invokes"
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}

resource "aws_lambda_function_event_invoke_config" "async" {
  for_each = { for key, function in local.functions : key => function if function.source != "sqs" }

  function_name                = aws_lambda_function.this[each.key].function_name
  qualifier                    = aws_lambda_alias.live[each.key].name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600
}
