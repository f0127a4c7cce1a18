# One customer managed key encrypts everything the module stores: the PAT parameters, the table,
# the queues, the topic, the log groups and the functions' environment.
resource "aws_kms_key" "this" {
  description             = "${var.name}: PAT parameters, registration table, queues, topic and logs"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_key_deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# A key policy's Resource is always the key itself ("*"); IAM policies in the account grant the
# functions and instances their narrower use of it (iam.tf).
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministersTheKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsTheFunctionLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${var.name}-*"]
    }
  }

  statement {
    sid       = "EventBridgeSendsToTheEncryptedQueues"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  # Auto Scaling publishes notifications with its service-linked role, which exists once the
  # account has any Auto Scaling group.
  dynamic "statement" {
    for_each = var.asg_notifications_enabled ? [1] : []
    content {
      sid       = "AutoScalingPublishesToTheEncryptedTopic"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = [local.autoscaling_service_role_arn]
      }
    }
  }
}
