# The module with every optional part on, so that checkov also sees the resources the complete
# example leaves off (the SNS path, the Entra side: workload identity for the functions, which
# creates the account's outbound identity federation and the roles' GetWebIdentityToken grant, and
# a registration scope that registers with a service principal). Used only by .ci/deploy-checks.
lambda_jar_path               = "function/target/ado-ec2-lifecycle-function.jar"
azure_devops_organization_url = "contoso"
azure_devops_organizations    = ["fabrikam"]
autoscaling_group_names       = ["agents-linux", "agents-windows"]
registration_scopes = {
  production = { environments = ["contoso/Platform/production"] }
  staging = {
    environments    = ["contoso/Platform/staging", "fabrikam/Platform/staging"]
    auth            = "service-principal"
    entra_tenant_id = "11111111-2222-3333-4444-555555555555"
    entra_client_id = "66666666-7777-8888-9999-000000000000"
  }
}
azure_devops_auth_mode              = "workload-identity"
entra_tenant_id                     = "11111111-2222-3333-4444-555555555555"
entra_client_id                     = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
enable_outbound_identity_federation = true
lifecycle_hooks_enabled             = true
asg_notifications_enabled           = true
ec2_events_enabled                  = true
alarm_actions                       = ["arn:aws:sns:eu-west-1:111122223333:alarms"]
