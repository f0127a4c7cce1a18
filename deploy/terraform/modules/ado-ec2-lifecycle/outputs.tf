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
  description = "SSM SecureString parameter holding the functions' PAT; write it with `aws ssm put-parameter --overwrite`."
  value       = aws_ssm_parameter.function_pat.name
}

output "registration_pat_parameter_name" {
  description = "SSM SecureString parameter holding the PAT the agent userdata registers with (its ADO_PAT_PARAMETER)."
  value       = aws_ssm_parameter.registration_pat.name
}

output "agent_registration_policy_arn" {
  description = "IAM policy to attach to the instance role of every managed group: reads the registration PAT."
  value       = aws_iam_policy.agent_registration.arn
}

output "agent_userdata_environment" {
  description = "Environment variables the agent userdata needs from this deployment (agent-scripts/README.md)."
  value = {
    ADO_ORGANIZATION_URL = var.azure_devops_organization_url
    ADO_ORGANIZATIONS    = join(",", var.azure_devops_organizations)
    ADO_PAT_PARAMETER    = aws_ssm_parameter.registration_pat.name
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
