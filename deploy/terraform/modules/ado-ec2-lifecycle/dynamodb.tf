# One item per instance id: the registration record (status, environment, resource id, TTL once final).
resource "aws_dynamodb_table" "registrations" {
  name                        = "${var.name}-registrations"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "instanceId"
  deletion_protection_enabled = var.table_deletion_protection

  attribute {
    name = "instanceId"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.this.arn
  }

  tags = local.tags
}
