# Handler strings, memory, timeouts, the environment variables the function reads and the metric
# names the alarms watch come from functions.json, which the Java tests read as well: one source,
# so the deployment and the code cannot drift apart unnoticed.
locals {
  spec = jsondecode(file("${path.module}/functions.json"))

  # The SNS function exists only for the original ASG-notification path.
  functions = {
    for key, function in local.spec.functions : key => function
    if function.source != "sns" || var.asg_notifications_enabled
  }

  reserved_concurrency = {
    "asg-notifications" = var.reserved_concurrency.asg_notifications
    "lifecycle-queue"   = var.reserved_concurrency.lifecycle_queue
    "reconciler"        = var.reserved_concurrency.reconciler
  }

  # Every name listed in functions.json must have a value here (a missing one fails the plan);
  # null leaves the variable unset so the function applies its own default.
  environment_values = {
    TABLE_NAME            = aws_dynamodb_table.registrations.name
    ADO_ORGANIZATION_URL  = var.azure_devops_organization_url
    ADO_ORGANIZATIONS     = length(var.azure_devops_organizations) > 0 ? join(",", var.azure_devops_organizations) : null
    ADO_PAT_PARAMETER     = local.entra_enabled ? null : aws_ssm_parameter.function_pat[0].name
    ADO_PAT_CACHE_SECONDS = tostring(var.pat_cache_seconds)
    ADO_AUTH_MODE         = var.azure_devops_auth_mode
    ENTRA_AUTHORITY_URL   = local.entra_enabled ? var.entra_authority_url : null
    ENTRA_TENANT_ID       = local.entra_enabled ? var.entra_tenant_id : null
    ENTRA_CLIENT_ID       = local.entra_enabled ? var.entra_client_id : null
    ENTRA_CLIENT_SECRET_PARAMETER = (local.entra_secret_enabled && var.entra_client_credential == "secret"
    ? aws_ssm_parameter.entra_client_credential[0].name : null)
    ENTRA_CLIENT_CERTIFICATE_PARAMETER = (local.entra_secret_enabled && var.entra_client_credential == "certificate"
    ? aws_ssm_parameter.entra_client_credential[0].name : null)
    ENTRA_FEDERATION_AUDIENCE = local.workload_identity_enabled ? var.entra_federation_audience : null
    ENTRA_ASSERTION_SECONDS   = local.workload_identity_enabled ? tostring(var.entra_assertion_seconds) : null
    RECORD_RETENTION_DAYS     = tostring(var.record_retention_days)
    ADO_TIMEOUT_SECONDS       = tostring(var.azure_devops_timeout_seconds)
    RECHECK_QUEUE_URL         = aws_sqs_queue.lifecycle.url
    # The function heartbeats a held instance's action when half of this has passed.
    HOOK_HEARTBEAT_TIMEOUT_SECONDS = tostring(min(var.launch_hook_timeout_seconds, var.terminate_hook_timeout_seconds))
    REGISTRATION_TIMEOUT_SECONDS   = tostring(var.registration_timeout_seconds)
    DRAIN_LIMIT_SECONDS            = tostring(var.drain_limit_seconds)
    RECHECK_INTERVAL_SECONDS       = tostring(var.recheck_interval_seconds)
    RECONCILE_ENVIRONMENTS         = length(var.reconcile_environments) > 0 ? join(",", var.reconcile_environments) : null
    RECONCILE_CONFIRM_MINUTES      = tostring(var.reconcile_confirm_minutes)
    RECONCILE_BOOT_GRACE_MINUTES   = tostring(var.reconcile_boot_grace_minutes)
  }
  environment = {
    for name in local.spec.environment : name => local.environment_values[name]
    if local.environment_values[name] != null
  }

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  autoscaling_group_arns = [
    for asg in var.autoscaling_group_names :
    "arn:${local.partition}:autoscaling:${local.region}:${local.account_id}:autoScalingGroup:*:autoScalingGroupName/${asg}"
  ]

  # A scope's parameters sit under its own path; its instances read the one credential parameter
  # there: the registration PAT, or the registration app's client secret.
  registration_parameter_paths = { for scope in keys(var.registration_scopes) : scope => "/${var.name}/registration/${scope}" }
  registration_pat_scopes      = { for scope, settings in var.registration_scopes : scope => settings if settings.auth == "pat" }
  registration_app_scopes      = { for scope, settings in var.registration_scopes : scope => settings if settings.auth == "service-principal" }
  registration_parameter_arns = {
    for scope, path in local.registration_parameter_paths :
    scope => "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${path}/${var.registration_scopes[scope].auth == "pat" ? "azure-devops-pat" : "entra-client-secret"}"
  }

  tags = merge(var.tags, { "ado-ec2-lifecycle" = var.name })
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}
