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

  # Only records that place their instance in an environment carry the index's key, so this
  # index holds them and no tombstone: the reconciler's scan follows the fleet, not every
  # termination seen.
  attribute {
    name = local.spec.table.managedIndexKey
    type = "S"
  }

  global_secondary_index {
    name            = local.spec.table.managedIndex
    hash_key        = local.spec.table.managedIndexKey
    range_key       = "instanceId"
    projection_type = "ALL"
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
