# The module with every optional part on, so that checkov also sees the resources the complete
# example leaves off (the SNS path). Used only by .ci/deploy-checks.
lambda_jar_path               = "function/target/ado-ec2-lifecycle-function.jar"
azure_devops_organization_url = "contoso"
azure_devops_organizations    = ["fabrikam"]
autoscaling_group_names       = ["agents-linux", "agents-windows"]
registration_scopes = {
  production = { environments = ["contoso/Platform/production"] }
  staging    = { environments = ["contoso/Platform/staging", "fabrikam/Platform/staging"] }
}
lifecycle_hooks_enabled   = true
asg_notifications_enabled = true
ec2_events_enabled        = true
alarm_actions             = ["arn:aws:sns:eu-west-1:111122223333:alarms"]
