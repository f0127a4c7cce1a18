output "autoscaling_group_names" {
  description = "The agent groups the deployment manages."
  value       = concat([aws_autoscaling_group.linux.name], aws_autoscaling_group.windows[*].name)
}

output "pat_parameter_name" {
  description = "Write the functions' PAT here (docs/deployment.md, step 3)."
  value       = module.ado_ec2_lifecycle.pat_parameter_name
}

output "registration_pat_parameter_name" {
  description = "With registration_auth = pat: write the agents' registration PAT here (docs/deployment.md, step 3), the PAT of an identity that manages this example's one environment only."
  value       = lookup(module.ado_ec2_lifecycle.registration_pat_parameter_names, local.registration_scope, null)
}

output "registration_client_secret_parameter_name" {
  description = "With registration_auth = service-principal: write the registration app's client secret here (docs/deployment.md, step 3)."
  value       = lookup(module.ado_ec2_lifecycle.registration_client_secret_parameter_names, local.registration_scope, null)
}

output "function_names" {
  description = "The Lambda functions, by role."
  value       = module.ado_ec2_lifecycle.function_names
}

output "table_name" {
  description = "DynamoDB table of registration records."
  value       = module.ado_ec2_lifecycle.table_name
}

output "alarm_topic_arn" {
  description = "SNS topic the deployment's alarms notify."
  value       = aws_sns_topic.alarms.arn
}
