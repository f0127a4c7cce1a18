output "function_names" {
  description = "Lambda function names, by function (asg-notifications, lifecycle-queue, reconciler)."
  value       = { for key, function in aws_lambda_function.this : key => function.function_name }
}

output "function_alias_arns" {
  description = "ARNs of the `live` aliases the triggers invoke, by function."
  value       = { for key, alias in aws_lambda_alias.live : key => alias.arn }
}

output "function_role_arns" {
  description = "Execution role ARNs, by function."
  value       = { for key, role in aws_iam_role.function : key => role.arn }
}

output "table_name" {
  description = "DynamoDB table of registration records."
  value       = aws_dynamodb_table.registrations.name
}

output "table_arn" {
  description = "ARN of the registration table."
  value       = aws_dynamodb_table.registrations.arn
}

output "kms_key_arn" {
  description = "The module's KMS key (PAT parameters, table, queues, topic, logs)."
  value       = aws_kms_key.this.arn
}

output "pat_parameter_name" {
  description = "SSM SecureString parameter holding the functions' PAT (pat mode; null otherwise); write it with `aws ssm put-parameter --overwrite`."
  value       = local.entra_enabled ? null : aws_ssm_parameter.function_pat[0].name
}

output "entra_client_credential_parameter_name" {
  description = "SSM SecureString parameter holding the Entra app's client secret or certificate (service-principal mode; null otherwise); write it with `aws ssm put-parameter --overwrite`."
  value       = local.entra_secret_enabled ? aws_ssm_parameter.entra_client_credential[0].name : null
}

output "web_identity_issuer" {
  description = "Workload-identity mode: the AWS account's token issuer URL, the issuer of the Entra app's federated credential (null in other modes)."
  value       = local.web_identity_issuer
}

output "web_identity_subjects" {
  description = "Workload-identity mode: the subject of each function's token (its role's ARN), by function; the Entra app needs one federated credential per subject (null in other modes)."
  value       = local.workload_identity_enabled ? { for key, role in aws_iam_role.function : key => role.arn } : null
}

output "web_identity_audience" {
  description = "Workload-identity mode: the audience the federated credentials must list (null in other modes)."
  value       = local.workload_identity_enabled ? var.entra_federation_audience : null
}

output "registration_pat_parameter_names" {
  description = "SSM SecureString parameter holding each pat registration scope's PAT, by scope (that scope's ADO_PAT_PARAMETER)."
  value       = { for scope, parameter in aws_ssm_parameter.registration_pat : scope => parameter.name }
}

output "registration_client_secret_parameter_names" {
  description = "SSM SecureString parameter holding each service-principal registration scope's client secret, by scope (that scope's ADO_CLIENT_SECRET_PARAMETER)."
  value       = { for scope, parameter in aws_ssm_parameter.registration_client_secret : scope => parameter.name }
}

output "agent_registration_policy_arns" {
  description = "IAM policy for the instance role of each registration scope's groups, by scope: reads that scope's registration credential only."
  value       = { for scope, policy in aws_iam_policy.agent_registration : scope => policy.arn }
}

output "agent_userdata_environment" {
  description = "Environment variables the agent userdata needs from this deployment, by registration scope (agent-scripts/README.md): the organizations, and the PAT parameter or the registration app and its client secret parameter."
  value = {
    for scope in keys(var.registration_scopes) : scope => merge({
      ADO_ORGANIZATION_URL = var.azure_devops_organization_url
      ADO_ORGANIZATIONS    = join(",", var.azure_devops_organizations)
    }, local.registration_credential_environment[scope])
  }
}

output "lifecycle_queue_url" {
  description = "SQS queue of lifecycle actions and EC2 events."
  value       = aws_sqs_queue.lifecycle.id
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queues: lifecycle events that failed every delivery, and failed asynchronous invocations."
  value = {
    lifecycle = aws_sqs_queue.lifecycle_dlq.id
    function  = aws_sqs_queue.function_dlq.id
  }
}

output "asg_notification_topic_arn" {
  description = "SNS topic of Auto Scaling notifications (null unless asg_notifications_enabled)."
  value       = one(aws_sns_topic.asg_notifications[*].arn)
}

output "lifecycle_hook_names" {
  description = "Lifecycle hooks added, by \"<group>/<launch|terminate>\"."
  value       = { for key, hook in aws_autoscaling_lifecycle_hook.this : key => hook.name }
}

output "alarm_names" {
  description = "Every CloudWatch alarm the module creates."
  value       = [for alarm in local.module_alarms : alarm.alarm_name]
}

output "dashboard_name" {
  description = "The CloudWatch dashboard's name (null when dashboard_enabled is false)."
  value       = try(aws_cloudwatch_dashboard.this[0].dashboard_name, null)
}

output "problems_query" {
  description = "CloudWatch Logs Insights query over every function's log group: errors and warnings, newest first."
  value       = local.problems_query
}
